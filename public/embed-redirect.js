// `?embed=1` on the full app's address opens the lightweight widget page instead, with the same view,
// before the full app's code is even requested. An external file, not inline, so a strict CSP holds.
if (/(?:^|[?&])embed=1(?:&|$)/.test(window.location.search)) {
  window.location.replace(`embed.html${window.location.search}`);
}
