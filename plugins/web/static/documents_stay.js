// The desk's documents for booking, a stay, its folios and invoice, and the night audit (see
// documents.js, which gathers these into DOCUMENTS for the manifest). Texts only, no imports.

// A mutation's document as api.js's `mutate` runs it: one root field, its payload's selection
// and errors. Evaluated once, when this module loads: each result is a fixed text.
export function mutationDocument(name, inputType, selection) {
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} errors { code message field } } }`;
}

// Booking (booking.js): availability, a quote per room type, finding or creating the guest.
export const AVAILABILITY = `query($p: ID!, $a: Date!, $d: Date!, $ad: Int!, $ch: Int!) {
    availability(propertyId: $p, arrival: $a, departure: $d, adults: $ad, children: $ch) {
      roomTypes { roomType { id code name maxOccupancy } freeCount } errors { message field } } }`;
export const QUOTE = `query($p: ID!, $rt: ID!, $a: Date!, $d: Date!, $ad: Int!, $ch: Int!) {
      quote(propertyId: $p, roomTypeId: $rt, arrival: $a, departure: $d, adults: $ad, children: $ch) {
        quote { currency total { amount currency } nights { night price { amount currency } } } errors { message field } } }`;
export const GUESTS = `query($p: ID, $s: String) { guests(propertyId: $p, search: $s, first: 20) {
      nodes { id fullName email phone vip } } }`;
export const CREATE_GUEST = mutationDocument('createGuest', 'CreateGuestInput',
  'guest { id fullName } possibleDuplicates { id fullName email phone }');
export const BOOK_STAY = mutationDocument('bookStay', 'BookStayInput', 'stay { id confirmationCode }');

// A stay's folios as the stay screen shows them (folio.js).
const FOLIO_FIELDS = `id number name currency status balance { amount currency }
  invoice { id number } routedCategories
  entries { id seq description kind category method quantity unitPrice { amount currency } amount { amount currency } gross { amount currency } currency
    businessDate refundedEntryId correctedEntryId }`;

// One stay (stay.js); its balance and folios only for a user who may read folios.
function stayQuery(withFolios) {
  const folios = withFolios ? `balance { amount currency } folios { ${FOLIO_FIELDS} }` : '';
  return `query($id: ID!) { stay(id: $id) {
    id confirmationCode status arrival departure nights adults children notes
    property { id currency }
    room { id number housekeepingStatus } roomType { id name }
    primaryGuest { id fullName vip email phone nationality dateOfBirth }
    ${folios} } }`;
}
export const STAY = stayQuery(false);
export const STAY_WITH_FOLIOS = stayQuery(true);

// The free rooms of a stay's type (check-in and room move offer the clean ones).
export const FREE_ROOMS = `query($p: ID!, $a: Date!, $d: Date!, $rt: ID!) {
    availability(propertyId: $p, arrival: $a, departure: $d, roomTypeId: $rt) {
      roomTypes { freeRooms { id number housekeepingStatus } } errors { message field } } }`;

// A stay's changes: the stay screen reads the stay again after each; the calendar moves a
// stay by its bar (calendar_move.js) and reads the calendar again.
const STAY_CHANGED = 'stay { id status }';
export const CHECK_IN = mutationDocument('checkIn', 'CheckInInput', STAY_CHANGED);
export const MOVE_ROOM = mutationDocument('moveRoom', 'MoveRoomInput', STAY_CHANGED);
export const CHECK_OUT = mutationDocument('checkOut', 'CheckOutInput', STAY_CHANGED);
export const MODIFY_STAY = mutationDocument('modifyStay', 'ModifyStayInput', STAY_CHANGED);
export const CANCEL_STAY = mutationDocument('cancelStay', 'CancelStayInput', STAY_CHANGED);
export const MOVE_ON_CALENDAR = mutationDocument('moveRoom', 'MoveRoomInput', 'stay { id }');

// Folio entries (folio.js), settling (settle.js) and routing rules (routing.js).
const ENTRY = 'entry { id }';
export const POST_CHARGE = mutationDocument('postCharge', 'PostChargeInput', ENTRY);
export const RECORD_PAYMENT = mutationDocument('recordPayment', 'RecordPaymentInput', ENTRY);
export const REFUND_PAYMENT = mutationDocument('refundPayment', 'RefundPaymentInput', ENTRY);
export const CORRECT_ENTRY = mutationDocument('correctEntry', 'CorrectEntryInput', ENTRY);
export const CITY_LEDGER_ACCOUNTS = `query($p: ID!) { cityLedgerAccounts(propertyId: $p, first: 100) {
      nodes { id code name currency active } } }`;
export const TRANSFER_TO_CITY_LEDGER = mutationDocument('transferFolioToCityLedger',
  'TransferFolioToCityLedgerInput', 'folio { id status }');
export const OPEN_FOLIO = mutationDocument('openFolio', 'OpenFolioInput', 'folio { id }');
export const ROUTE_CHARGES = mutationDocument('routeCharges', 'RouteChargesInput', 'folio { id }');

// An invoice as the guest receives it (invoice.js).
export const INVOICE = `query($id: ID!) { invoice(id: $id) {
  id number recipient currency businessDate issuedAt net { amount currency } tax { amount currency } gross { amount currency } paid { amount currency }
  taxBreakdown { rate net { amount currency } tax { amount currency } gross { amount currency } }
  lines { id description quantity unitPrice { amount currency } gross { amount currency } night }
  folio { id stay { id confirmationCode arrival departure property { name } } } } }`;

// The night audit (audit.js): its report, the run, and the live events of its progress.
const REPORT = `businessDate status currency roomsSold roomsAvailable occupancyPercent roomRevenue { amount currency }
  adr { amount currency } revpar { amount currency } noShows completedAt`;
export const NIGHT_AUDIT_REPORT = `query($p: ID!, $d: Date!) { nightAuditReport(propertyId: $p, businessDate: $d) { ${REPORT} } }`;
export const RUN_NIGHT_AUDIT = mutationDocument('runNightAudit', 'RunNightAuditInput', `report { ${REPORT} }`);
export const AUDIT_EVENTS = `subscription($p: ID!) {
  events(propertyId: $p, types: ["night_audit", "folio.charge_posted", "stay.no_show"]) {
    name folioId businessDate } }`;

// These documents by name, for the manifest.
export const STAY_DOCUMENTS = {
  Availability: AVAILABILITY,
  Quote: QUOTE,
  Guests: GUESTS,
  CreateGuest: CREATE_GUEST,
  BookStay: BOOK_STAY,
  Stay: STAY,
  StayWithFolios: STAY_WITH_FOLIOS,
  FreeRooms: FREE_ROOMS,
  CheckIn: CHECK_IN,
  MoveRoom: MOVE_ROOM,
  CheckOut: CHECK_OUT,
  ModifyStay: MODIFY_STAY,
  CancelStay: CANCEL_STAY,
  MoveOnCalendar: MOVE_ON_CALENDAR,
  PostCharge: POST_CHARGE,
  RecordPayment: RECORD_PAYMENT,
  RefundPayment: REFUND_PAYMENT,
  CorrectEntry: CORRECT_ENTRY,
  CityLedgerAccounts: CITY_LEDGER_ACCOUNTS,
  TransferToCityLedger: TRANSFER_TO_CITY_LEDGER,
  OpenFolio: OPEN_FOLIO,
  RouteCharges: ROUTE_CHARGES,
  Invoice: INVOICE,
  NightAuditReport: NIGHT_AUDIT_REPORT,
  RunNightAudit: RUN_NIGHT_AUDIT,
  AuditEvents: AUDIT_EVENTS,
};
