/** Servers the demo and the tests run inside the JVM instead of installing them: an SFTP server. */
package org.rosterbridge.embedded;
