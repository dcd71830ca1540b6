// The fixture page's only script: "Check the partner" asks the gateway and shows its answer,
// the kind of change a browser test has to wait for.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("check-partner");
  const state = document.getElementById("partner-state");
  button.addEventListener("click", async () => {
    state.textContent = "Checking...";
    const answer = await fetch("/browser-fixture/partner-status");
    const partner = await answer.json();
    state.textContent = partner.platform + " is " + partner.state;
  });
});
