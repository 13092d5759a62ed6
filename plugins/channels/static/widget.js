/*
 * Frontdesk booking widget: search, choose a room type, book. Served by the channels plugin
 * at /plugins/channels/widget.js; no other host is contacted and nothing runs inline.
 *
 *   <div id="frontdesk-booking"></div>
 *   <script src="https://pms.hotel.example/plugins/channels/widget.js"
 *           data-property="BERLIN" defer></script>
 *
 * data-target names another element id. Every booking attempt carries an Idempotency-Key
 * that stays the same when the guest presses "Book" again after a failure, so a retry can
 * never make a second stay.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var server = new URL(script.src).origin;
  var property = script.getAttribute("data-property") || "";
  var targetId = script.getAttribute("data-target") || "frontdesk-booking";
  var api = server + "/plugins/channels/direct/" + encodeURIComponent(property);
  var state = { search: null, offer: null, key: null };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function field(label, name, type, extra) {
    var input = el("input", Object.assign({ name: name, type: type, required: "" }, extra || {}));
    return el("label", { class: "fd-field" }, [el("span", { text: label }), input]);
  }

  function money(value) {
    return value.amount + " " + value.currency;
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  function say(root, text, kind) {
    var status = root.querySelector(".fd-status");
    status.textContent = text;
    status.className = "fd-status" + (kind ? " fd-" + kind : "");
  }

  function call(path, options) {
    return fetch(api + path, options).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error((body.error && body.error.message) || "Request failed");
        return body;
      });
    });
  }

  // The taxes the total carries, as the hotel's tax setup says: VAT included in (or added
  // to) the nightly prices, city tax added.
  function taxLines(offer) {
    return el("ul", { class: "fd-taxes" }, offer.taxes.map(function (tax) {
      return el("li", {
        class: "fd-tax",
        "data-kind": tax.kind,
        text: (tax.included ? "incl. " : "plus ") + tax.name + ": " + money(tax.amount),
      });
    }));
  }

  function showOffers(root, found) {
    var list = root.querySelector(".fd-offers");
    list.textContent = "";
    if (!found.offers.length) {
      say(root, "No rooms are free for these dates.", "error");
      return;
    }
    say(root, "");
    found.offers.forEach(function (offer) {
      var choose = el("button", { type: "button", class: "fd-choose", text: "Choose" });
      choose.addEventListener("click", function () { pick(root, offer); });
      list.appendChild(el("li", { class: "fd-offer", "data-room-type": offer.roomType.code }, [
        el("strong", { text: offer.roomType.name }),
        el("span", { class: "fd-total", text: money(offer.total) }),
        taxLines(offer),
        choose,
      ]));
    });
  }

  function pick(root, offer) {
    state.offer = offer;
    state.key = newKey();
    var form = root.querySelector(".fd-guest");
    form.hidden = false;
    form.querySelector(".fd-chosen").textContent =
      offer.roomType.name + ": " + money(offer.total);
  }

  function search(root, form) {
    var data = new FormData(form);
    state.search = {
      arrival: data.get("arrival"),
      departure: data.get("departure"),
      adults: Number(data.get("adults") || 1),
    };
    var query = "?arrival=" + encodeURIComponent(state.search.arrival) +
      "&departure=" + encodeURIComponent(state.search.departure) +
      "&adults=" + state.search.adults;
    say(root, "Searching...");
    call("/availability" + query).then(function (found) { showOffers(root, found); })
      .catch(function (error) { say(root, error.message, "error"); });
  }

  function bookNow(root, form) {
    var data = new FormData(form);
    var body = {
      roomType: state.offer.roomType.code,
      arrival: state.search.arrival,
      departure: state.search.departure,
      adults: state.search.adults,
      guest: {
        firstName: data.get("firstName"),
        lastName: data.get("lastName"),
        email: data.get("email"),
        phone: data.get("phone") || undefined,
      },
    };
    say(root, "Booking...");
    call("/bookings", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": state.key },
      body: JSON.stringify(body),
    }).then(function (booked) {
      form.hidden = true;
      root.querySelector(".fd-offers").textContent = "";
      say(root, "Booked. Your confirmation code is " + booked.confirmationCode + ".", "done");
      root.setAttribute("data-confirmation", booked.confirmationCode);
    }).catch(function (error) { say(root, error.message, "error"); });
  }

  function render(root) {
    root.classList.add("fd-widget");
    var searchForm = el("form", { class: "fd-search" }, [
      field("Arrival", "arrival", "date"),
      field("Departure", "departure", "date"),
      field("Adults", "adults", "number", { min: "1", max: "20", value: "1" }),
      el("button", { type: "submit", text: "Search" }),
    ]);
    var guestForm = el("form", { class: "fd-guest", hidden: "" }, [
      el("p", { class: "fd-chosen" }),
      field("First name", "firstName", "text", { autocomplete: "given-name" }),
      field("Last name", "lastName", "text", { autocomplete: "family-name" }),
      field("E-mail", "email", "email", { autocomplete: "email" }),
      el("button", { type: "submit", text: "Book" }),
    ]);
    searchForm.addEventListener("submit", function (event) {
      event.preventDefault();
      search(root, searchForm);
    });
    guestForm.addEventListener("submit", function (event) {
      event.preventDefault();
      bookNow(root, guestForm);
    });
    root.appendChild(searchForm);
    root.appendChild(el("ul", { class: "fd-offers" }));
    root.appendChild(guestForm);
    root.appendChild(el("p", { class: "fd-status", role: "status", "aria-live": "polite" }));
  }

  function start() {
    var root = document.getElementById(targetId);
    if (!root) return;
    var sheet = el("link", { rel: "stylesheet", href: server + "/plugins/channels/widget.css" });
    document.head.appendChild(sheet);
    render(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
