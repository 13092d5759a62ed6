#!/bin/sh
# Refresh the vendored GraphiQL assets from the npm registry (`make graphiql-assets`).
# Only this script needs Node's npm; serving the assets (`make run`) does not.
# Pin new versions here, run it, check the browser test (tests/browser/), commit the files.
set -eu
GRAPHIQL_VERSION=3.9.0   # the last GraphiQL with a UMD build (4+ are ESM only)
REACT_VERSION=18.3.1     # GraphiQL 3 needs React 16.8-18; React 19 ships no UMD build

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "graphiql@$GRAPHIQL_VERSION" "react@$REACT_VERSION" \
  "react-dom@$REACT_VERSION" >/dev/null
for pair in "graphiql $GRAPHIQL_VERSION" "react $REACT_VERSION" "react-dom $REACT_VERSION"; do
  set -- $pair
  name=$1
  mkdir "$name"
  tar xzf "$name-$2.tgz" -C "$name" --strip-components=1
  cp "$name/LICENSE" "$here/LICENSE.$name"
done
cp graphiql/graphiql.min.js graphiql/graphiql.min.css "$here/"
cp react/umd/react.production.min.js react-dom/umd/react-dom.production.min.js "$here/"
cat > "$here/VERSIONS" <<VERSIONS
graphiql $GRAPHIQL_VERSION
react $REACT_VERSION
react-dom $REACT_VERSION
VERSIONS
echo "Vendored graphiql $GRAPHIQL_VERSION, react $REACT_VERSION into $here"
