/**
 * The OneRoster v1.1 CSV sink: bundles written from canonical records as {@code mappings/oneroster-csv-1.1.yaml}
 * says (bulk or delta), validated before they leave, and delivered over SFTP (upload under a temporary name, then
 * rename, then a {@code .sha256}) or to the output folder, keeping the newest {@code csv.keep} per school.
 */
package org.rosterbridge.sink.csv;
