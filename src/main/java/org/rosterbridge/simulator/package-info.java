/**
 * A stand-in for Groupcall Xporter's OneRoster v1.1 API: a real HTTP server serving deterministic, generated UK
 * school data, with fault switches and a scripted day-two change set, for the demo, the tests and the benchmarks.
 */
package org.rosterbridge.simulator;
