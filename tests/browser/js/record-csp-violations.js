// An init script: every Content-Security-Policy violation of the page, in window.__cspViolations.
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
