// The room console: plain DOM over the administration API. Every call carries HTTP Basic
// credentials typed into the sign-in form (kept in this page only); every error shows the
// API's reason.
"use strict";

const api = "/groupchat/api/admin";
let credentials = null;
let rooms = [];
let current = null;

const $ = (id) => document.getElementById(id);

// HTTP/2 (the console's HTTPS) carries no reason phrase: the ones an error here can have.
const REASONS = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
  405: "Method Not Allowed", 409: "Conflict", 500: "Internal Server Error", 503: "Service Unavailable" };

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method,
    credentials: "omit", // the header below is the only credential: a 401 must not open the browser's own prompt
    headers: { "Authorization": "Basic " + credentials, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    // an error page of the server, not of the API: the status says it
  }
  if (!response.ok) {
    throw new Error((json && json.error) || (response.status + " " + (response.statusText || REASONS[response.status] || "")));
  }
  return json;
}

function say(message, isError) {
  $("status").textContent = message;
  $("status").className = isError ? "error" : "";
}

async function attempt(work, done) {
  try {
    await work();
    if (done) say(done, false);
  } catch (e) {
    say(e.message, true);
  }
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.appendChild(td);
}

function showRooms() {
  const filter = $("search").value.trim().toLowerCase();
  const body = $("rooms").querySelector("tbody");
  body.replaceChildren();
  for (const room of rooms) {
    const text = [room.name, room.description || "", room.category].join(" ").toLowerCase();
    if (filter && !text.includes(filter)) continue;
    const row = document.createElement("tr");
    row.dataset.id = room.id;
    row.className = room.disabled ? "disabled" : "";
    [room.name, room.category, room.privacy, room.type, String(room.memberCount), room.disabled ? "disabled" : "enabled"]
      .forEach((value) => cell(row, value));
    row.addEventListener("click", () => attempt(() => openRoom(room.id)));
    body.appendChild(row);
  }
}

async function loadRooms() {
  rooms = await call("GET", "/rooms");
  showRooms();
}

async function loadCategories() {
  const categories = await call("GET", "/categories");
  const body = $("categories").querySelector("tbody");
  body.replaceChildren();
  for (const category of categories) {
    const row = document.createElement("tr");
    [category.name, category.parent || "", category.allowedMembers.join(", "), category.deniedMembers.join(", "),
      category.inheritedFilePost ? "on" : "off", category.inheritedInvite ? "on" : "off",
      category.inheritedRetentionDays ? category.inheritedRetentionDays + " days" : "for ever", String(category.rooms)]
      .forEach((value) => cell(row, value));
    body.appendChild(row);
  }
}

async function loadHolds() {
  const holds = await call("GET", "/holds");
  const body = $("holds").querySelector("tbody");
  body.replaceChildren();
  for (const hold of holds) {
    const row = document.createElement("tr");
    row.dataset.id = hold.id;
    [hold.room ? "room " + hold.roomName : hold.user, hold.reason, hold.placedBy, hold.placedAt].forEach((value) => cell(row, value));
    const release = document.createElement("button");
    release.type = "button";
    release.textContent = "Release";
    release.addEventListener("click", () =>
      attempt(async () => { await call("DELETE", "/holds/" + hold.id); await loadHolds(); }, "Legal hold " + hold.id + " released"));
    const td = document.createElement("td");
    td.appendChild(release);
    row.appendChild(td);
    body.appendChild(row);
  }
}

async function openRoom(id) {
  current = await call("GET", "/rooms/" + id);
  const room = current.room;
  $("room").hidden = false;
  $("room-name").textContent = room.name;
  const details = $("room-details");
  details.replaceChildren();
  for (const [label, value] of [["URI", room.uri], ["Category", room.category], ["Privacy", room.privacy],
    ["Type", room.type], ["State", room.disabled ? "disabled" : "enabled"], ["Topic", room.topic || ""]]) {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    dd.id = "room-" + label.toLowerCase();
    details.append(dt, dd);
  }
  const members = $("room-members");
  members.replaceChildren();
  for (const [role, list] of [["member", current.members], ["manager", current.managers], ["presenter", current.presenters]]) {
    for (const uri of list) {
      const item = document.createElement("li");
      item.textContent = uri + " (" + role + ")";
      members.appendChild(item);
    }
  }
  $("disable-button").hidden = room.disabled;
  $("enable-button").hidden = !room.disabled;
}

async function refresh() {
  await loadRooms();
  await loadCategories();
  await loadHolds();
  if (current) await openRoom(current.room.id);
}

$("sign-in").addEventListener("submit", (event) => {
  event.preventDefault();
  credentials = btoa($("user").value + ":" + $("password").value);
  attempt(async () => {
    await loadRooms();
    await loadCategories();
    await loadHolds();
    $("sign-in").hidden = true;
    $("console").hidden = false;
    $("who").textContent = "signed in as " + $("user").value;
  }, "Signed in");
});

$("search").addEventListener("input", showRooms);

$("create-room").addEventListener("submit", (event) => {
  event.preventDefault();
  const members = $("new-members").value.split(",").map((m) => m.trim()).filter((m) => m);
  const spec = {
    name: $("new-name").value, description: $("new-description").value,
    category: $("new-category").value || null, privacy: $("new-privacy").value, type: $("new-type").value, members,
  };
  attempt(async () => {
    const created = await call("POST", "/rooms", spec);
    await refresh();
    await openRoom(created.room.id);
    $("create-room").reset();
  }, "Room " + spec.name + " created");
});

$("add-member").addEventListener("submit", (event) => {
  event.preventDefault();
  const uri = $("member-uri").value.trim();
  attempt(async () => {
    await call("PUT", "/rooms/" + current.room.id + "/members", current.members.concat([uri]));
    $("member-uri").value = "";
    await refresh();
  }, uri + " added");
});

$("disable-button").addEventListener("click", () =>
  attempt(async () => { await call("POST", "/rooms/" + current.room.id + "/disable"); await refresh(); }, "Room disabled"));
$("enable-button").addEventListener("click", () =>
  attempt(async () => { await call("POST", "/rooms/" + current.room.id + "/enable"); await refresh(); }, "Room enabled"));

$("clear-history").addEventListener("submit", (event) => {
  event.preventDefault();
  const before = $("clear-before").value.trim();
  const room = current.room;
  attempt(async () => {
    const cleared = await call("POST", "/rooms/" + room.id + "/clear", { before });
    say(cleared.removed + " messages cleared from " + room.name
      + (cleared.keptUnderHold ? ", " + cleared.keptUnderHold + " kept under legal hold" : ""), false);
  });
});

async function placeHold(spec, form) {
  const placed = await call("POST", "/holds", spec);
  await loadHolds();
  $(form).reset();
  say("Legal hold " + placed.id + " placed", false);
}

$("hold-room").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt(() => placeHold({ room: current.room.id, reason: $("hold-room-reason").value }, "hold-room"));
});

$("hold-user").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt(() => placeHold({ user: $("hold-user-uri").value.trim(), reason: $("hold-user-reason").value }, "hold-user"));
});
