// The shifts panel's GraphQL documents, every one it sends (trusted documents, docs/web.md): fixed
// texts, the data in variables. web/documents.json, made from DOCUMENTS by
// `python -m frontdesk.api.trusted_documents plugins/hr_shifts/web` (a test keeps it fresh), is what
// the plugin registers with the API and what the desk reads to send each by its id. Texts
// only, no imports: node reads this module to make the manifest.

// A mutation of one root field, as ctx.mutate runs it: its payload's selection and errors.
function mutation(name, inputType, selection) {
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} errors { code message field } } }`;
}

// The week's published shifts and coverage (panel.js).
export const WEEK = `query($p: ID!, $s: Date!, $e: Date!) {
  shiftsPublishedShifts(propertyId: $p, start: $s, end: $e) { id day staff { id name } template { code name } }
  shiftsCoverage(propertyId: $p, start: $s, end: $e) { day gap template { code } } }`;

// A member of staff's own shifts and a swap request (myshifts.js).
export const STAFF = `query($p: ID!) { shiftsStaff(propertyId: $p, first: 200) { nodes { id name userId } } }`;
export const MY_SHIFTS = `query($p: ID!, $s: Date!, $e: Date!, $staff: ID!) {
  shiftsPublishedShifts(propertyId: $p, start: $s, end: $e, staffId: $staff) { id day template { code name } } }`;
export const REQUEST_SWAP = mutation('shiftsRequestSwap', 'ShiftsRequestSwapInput', 'swapRequest { id }');

// Draft rosters and publishing one (publish.js).
export const DRAFTS = `query($p: ID!) { shiftsRosters(propertyId: $p, status: DRAFT, first: 20) {
  nodes { id startsOn endsOn assignments { id } violations { code } } } }`;
export const PUBLISH_ROSTER = mutation('shiftsPublishRoster', 'ShiftsPublishRosterInput',
  'roster { status publishedAt }');

// Swap requests waiting for a decision, and the decision (swaps.js).
export const PENDING_SWAPS = `query($p: ID!) { shiftsSwapRequests(propertyId: $p, status: REQUESTED, first: 50) {
  nodes { id note assignment { day template { code name } } fromStaff { name } toStaff { name } } } }`;
export const DECIDE_SWAP = mutation('shiftsDecideSwap', 'ShiftsDecideSwapInput', 'swapRequest { status }');

// Every document of the panel by name, for the manifest.
export const DOCUMENTS = {
  ShiftsWeek: WEEK,
  ShiftsStaff: STAFF,
  ShiftsMine: MY_SHIFTS,
  ShiftsRequestSwap: REQUEST_SWAP,
  ShiftsDrafts: DRAFTS,
  ShiftsPublishRoster: PUBLISH_ROSTER,
  ShiftsPendingSwaps: PENDING_SWAPS,
  ShiftsDecideSwap: DECIDE_SWAP,
};
