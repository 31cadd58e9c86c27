// The Analytics period picker: typing a date makes the period a custom one.
document.addEventListener("input", function (event) {
  if (event.target.matches("#start_date, #end_date")) {
    var period = document.getElementById("period");
    if (period) period.value = "custom";
  }
});
