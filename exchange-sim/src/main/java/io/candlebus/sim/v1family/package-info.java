/**
 * What the simulated Upbit and Bithumb share: Bithumb's public v1 API copies Upbit's (websocket requests,
 * connection handling, error bodies, bad-input faults, REST helpers), so one implementation serves both and the
 * venue packages keep only their differences (time zone, formats, request caps, string ids, tickers).
 */
package io.candlebus.sim.v1family;
