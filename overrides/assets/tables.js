// On a phone, a table of four or more columns reads better as one card per row, each
// cell under its column's name (briefing.css lays the cards out below 45em). The names
// come from the header row. Without this script, such a table scrolls sideways on a
// phone with its first column, the row's name, kept in view.
for (const table of document.querySelectorAll(".md-typeset table:not([class])")) {
  const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  if (names.length < 4) continue;
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.cells].forEach((cell, i) => {
      if (names[i]) cell.dataset.label = names[i];
    });
  }
  table.dataset.stack = "";  // an attribute, not a class: Material styles table:not([class])
}
