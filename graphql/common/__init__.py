"""What every area of the schema (core's and the plugins') builds on: the payload convention
(``UserError``, ``run_mutation``, id decoding) and declarative mutations, error codes, the
request context and its loaders, the contribution a part of the schema hands in, the Money
and Connection types, and the helpers of paged lists."""
