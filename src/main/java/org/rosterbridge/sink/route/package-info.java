/**
 * Sinks an integration team declares in YAML: the route templates of {@code routes/templates.camel.yaml} (webhook,
 * JSON lines) and the small bean their routes call to turn a delivery into change events with headers to filter on.
 */
package org.rosterbridge.sink.route;
