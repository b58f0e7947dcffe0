// Today's hours as the first row of each location's opening hours on the home page
// (front-door.html's tables of class hs-front-hours). "Today" is the day on the clinic's
// clock (the table's data-time-zone), wherever the reader is; a holiday closure (data-closed:
// first/last dates, ISO, space-separated) makes it a closed day. Without JavaScript the table
// still shows every day's hours; nothing is fetched from anywhere.
(function () {
  var tables = document.querySelectorAll("table.hs-front-hours[data-time-zone]");

  function clinicToday(timeZone) {
    var parts = {};
    new Intl.DateTimeFormat("en-AU", {
      timeZone: timeZone,
      weekday: "long",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    })
      .formatToParts(new Date())
      .forEach(function (part) {
        parts[part.type] = part.value;
      });
    var iso = parts.year + "-" + parts.month + "-" + parts.day;
    // getUTCDay counts from Sunday (0); ISO weekdays from Monday (1) to Sunday (7).
    var weekday = new Date(iso + "T00:00:00Z").getUTCDay() || 7;
    return { iso: iso, weekday: String(weekday), name: parts.weekday };
  }

  function closedOn(table, iso) {
    return (table.getAttribute("data-closed") || "")
      .split(" ")
      .some(function (range) {
        var dates = range.split("/");
        return dates.length === 2 && dates[0] <= iso && iso <= dates[1];
      });
  }

  function showToday(table) {
    var today;
    try {
      today = clinicToday(table.getAttribute("data-time-zone"));
    } catch (error) {
      return; // a browser without that time zone: the table alone says it all
    }
    // Only the rows of open hours carry data-weekdays; a day in none of them is a closed day.
    var hours = Array.prototype.filter
      .call(table.querySelectorAll("tr[data-weekdays]"), function (row) {
        return row.getAttribute("data-weekdays").split(" ").indexOf(today.weekday) !== -1;
      })
      .map(function (row) {
        return row.querySelector("td").textContent;
      });
    var open = hours.length > 0 && !closedOn(table, today.iso);
    var row = document.createElement("tr");
    var day = document.createElement("th");
    var time = document.createElement("td");
    row.className = "hs-today";
    day.scope = "row";
    day.textContent = "Today (" + today.name + ")";
    if (open) {
      // Each opening on its own unbroken line where two (a lunch break) do not fit on one.
      hours.forEach(function (text, i) {
        var span = document.createElement("span");
        span.className = "hs-time";
        span.textContent = text;
        time.append(i ? " and " : "", span);
      });
    } else {
      time.textContent = "Closed";
    }
    row.append(day, time);
    table.tBodies[0].prepend(row);
  }

  Array.prototype.forEach.call(tables, showToday);
})();
