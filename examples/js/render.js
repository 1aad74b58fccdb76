// Renders a greeting taken from the page URL.
const params = new URLSearchParams(window.location.search);
const name = params.get('name');

export function renderGreeting() {
  document.getElementById('greeting').innerHTML = 'Hello, ' + name;
}
