// Runs in <head>, before first paint. Material's inline helpers, moved here so the page's
// Content-Security-Policy allows no inline script at all; the site's root is where this file's
// folder sits (Material wrote it from base_url), so every page gets the same scope.
/* eslint-disable no-unused-vars */
var __md_scope = new URL("..", document.currentScript.src);
var __md_hash = function (e) { return Array.prototype.reduce.call(e, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0); };
var __md_get = function (e, s, t) { s = s || localStorage; t = t || __md_scope; return JSON.parse(s.getItem(t.pathname + "." + e)); };
var __md_set = function (e, v, s, t) { s = s || localStorage; t = t || __md_scope; try { s.setItem(t.pathname + "." + e, JSON.stringify(v)); } catch (err) { /* storage full or off */ } };
// Script-only controls (the timeline filter) show from the first paint, without a layout shift.
document.documentElement.classList.add("js");
