package org.rosterbridge.source;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.rosterbridge.model.School;

/** Issues tokens through the {@code direct:xporter-token} route, so token requests get the routes' retry rules. */
public final class CamelTokenIssuer implements TokenCache.Issuer {
    private final ProducerTemplate template;

    public CamelTokenIssuer(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public AccessToken issue(School school) {
        Exchange result = template.send("direct:xporter-token", ex -> ex.setProperty(XporterHttp.SCHOOL, school));
        if (result.getException() != null) {
            if (result.getException() instanceof RuntimeException r) {
                throw r;
            }
            throw new XporterException.Unavailable(school, null, -1, 0, ": " + result.getException().getMessage(),
                    result.getException());
        }
        return result.getMessage().getBody(AccessToken.class);
    }
}
