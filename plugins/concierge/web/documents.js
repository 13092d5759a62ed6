// The concierge panel's GraphQL documents, every one it sends (trusted documents, docs/web.md): fixed
// texts, the data in variables. web/documents.json, made from DOCUMENTS by
// `python -m frontdesk.api.trusted_documents plugins/concierge/web` (a test keeps it fresh), is what
// the plugin registers with the API and what the desk reads to send each by its id. Texts
// only, no imports: node reads this module to make the manifest.

// A mutation of one root field, as ctx.mutate runs it: its payload's selection and errors.
function mutation(name, inputType, selection) {
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} errors { code message field } } }`;
}

// The requests board (panel.js), re-read on the plugin's live events.
export const REQUESTS = `query($p: ID) { conciergeRequests(propertyId: $p, status: [OPEN, ASSIGNED, IN_PROGRESS], first: 100) {
  nodes { id type status priority description overdue deadlineAt assignee
    room { number } guest { fullName } } } }`;
export const REQUEST_EVENTS = `subscription($p: ID!) { events(propertyId: $p, types: ["concierge"]) { name subjectId } }`;

// The in-house guests a booking or an invitation is for (stays.js).
export const IN_HOUSE = `query($p: ID!) { stays(propertyId: $p, status: CHECKED_IN, first: 250) {
  nodes { id room { number } primaryGuest { fullName } } } }`;

// Recommendations search (recommendations.js).
export const RECOMMENDATIONS = `query($p: ID!, $c: ConciergeCategory, $tag: String, $open: Boolean) {
  conciergeRecommendations(propertyId: $p, category: $c, tag: $tag, openNow: $open, first: 50) {
    nodes { id name address priceLevel bookingContact category tags descriptions { language text } } } }`;

// Service bookings (bookings.js): resources and bookings, a booking, its next step.
export const BOOKINGS = `query($p: ID!) {
  conciergeResources(propertyId: $p, first: 100) { nodes { id name active price { amount currency } } }
  conciergeBookings(propertyId: $p, first: 200) { nodes { id startsAt endsAt partySize status notes
    price { amount currency } resource { name } guest { fullName } stay { room { number } } } } }`;
export const BOOK_SERVICE = mutation('bookConciergeService', 'BookConciergeServiceInput', 'booking { id }');
export const SET_BOOKING_STATUS = mutation('setConciergeBookingStatus', 'SetConciergeBookingStatusInput',
  'booking { status }');

// Group events (events.js): the coming ones and an invitation.
export const EVENTS = `query($p: ID!, $after: DateTime) { conciergeEvents(propertyId: $p, endingAfter: $after, first: 50) {
  nodes { id name venue capacity status startsAt endsAt placesTaken attendees { id rsvp guest { fullName } } } } }`;
export const ADD_ATTENDEE = mutation('addConciergeAttendee', 'AddConciergeAttendeeInput', 'attendee { id }');

// Every document of the panel by name, for the manifest.
export const DOCUMENTS = {
  ConciergeRequests: REQUESTS,
  ConciergeRequestEvents: REQUEST_EVENTS,
  ConciergeInHouse: IN_HOUSE,
  ConciergeRecommendations: RECOMMENDATIONS,
  ConciergeBookings: BOOKINGS,
  BookConciergeService: BOOK_SERVICE,
  SetConciergeBookingStatus: SET_BOOKING_STATUS,
  ConciergeEvents: EVENTS,
  AddConciergeAttendee: ADD_ATTENDEE,
};
