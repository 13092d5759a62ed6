// The web desk's GraphQL documents, every one the desk sends (trusted documents, docs/api.md):
// fixed texts, the data in variables; a screen that needs a variant (the board with or without
// balances) has each variant here. The server knows them in advance (plugins/web/documents.json,
// generated from DOCUMENTS by `python -m frontdesk.plugins.web.documents`; a test keeps it
// fresh): it answers them without parsing again, and still answers them when it accepts known
// documents only. Texts only, no browser API: node reads this module to make the manifest.
// The stay, its folios, booking and the night audit: documents_stay.js.
import { STAY_DOCUMENTS, mutationDocument } from './documents_stay.js';

export { mutationDocument };

const STAY_FIELDS = `id confirmationCode status arrival departure adults children
    room { id number housekeepingStatus } roomType { id code name }
    primaryGuest { id fullName vip }`;

// Today's board; the balance only for a user who may read folios.
export function boardQuery(withBalance) {
  const fields = withBalance ? `${STAY_FIELDS} balance { amount currency }` : STAY_FIELDS;
  return `query Board($p: ID!, $d: Date!) {
    arrivals: stays(propertyId: $p, arrival: $d, first: 250) { nodes { ${fields} } }
    departures: stays(propertyId: $p, departure: $d, first: 250) { nodes { ${fields} } }
    inHouse: stays(propertyId: $p, inHouseOn: $d, status: CHECKED_IN, first: 250) { nodes { ${fields} } }
  }`;
}

// The shell's documents: sign-in, who the user is and their properties, sign-out.
export const LOGIN = mutationDocument('login', 'LoginInput', 'session { accessToken }');
export const ME = `{ me { kind name userId permissions allProperties propertyIds }
  properties(first: 250) { nodes { id code name currency timezone businessDate } } }`;
export const LOGOUT = 'mutation { logout { errors { message } } }';

// The calendar: rooms and the booked and in-house stays.
const CALENDAR_STAY = 'id confirmationCode status arrival departure room { id number } primaryGuest { fullName }';
export const CALENDAR = `query($p: ID!) {
    rooms(propertyId: $p, first: 250) { nodes { id number roomType { code } housekeepingStatus } }
    booked: stays(propertyId: $p, status: BOOKED, first: 250) { nodes { ${CALENDAR_STAY} } }
    inHouse: stays(propertyId: $p, status: CHECKED_IN, first: 250) { nodes { ${CALENDAR_STAY} } } }`;

// Housekeeping: the rooms and their status, and a status change.
export const HOUSEKEEPING = `query($p: ID!) { rooms(propertyId: $p, first: 250) { nodes {
      id number floor housekeepingStatus outOfOrderReason outOfOrderFrom outOfOrderUntil roomType { name } } } }`;
export const SET_ROOM_STATUS = mutationDocument('setRoomStatus', 'SetRoomStatusInput', 'room { id }');

// Live updates (live.js): the board and the room calendar re-read on these events.
export const BOARD_EVENTS = `subscription($p: ID!) { boardChanged(propertyId: $p) { name stayId roomId } }`;

// Every document by name, for the manifest.
export const DOCUMENTS = {
  Board: boardQuery(false),
  BoardEvents: BOARD_EVENTS,
  Calendar: CALENDAR,
  Housekeeping: HOUSEKEEPING,
  SetRoomStatus: SET_ROOM_STATUS,
  BoardWithBalance: boardQuery(true),
  Login: LOGIN,
  Logout: LOGOUT,
  Me: ME,
  ...STAY_DOCUMENTS,
};
