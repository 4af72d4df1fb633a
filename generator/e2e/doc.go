// Package e2e holds attache's end-to-end checks in a real browser: its test
// builds a fixture site with every bundled theme, serves it on a loopback
// port and runs headless Chromium (console errors, horizontal scrolling,
// axe-core, page weight, screenshots) and the Nu HTML Checker over every
// page type. The Node side lives in browser/.
package e2e
