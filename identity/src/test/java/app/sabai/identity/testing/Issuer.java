package app.sabai.identity.testing;

/** The issuer identity names in its tokens unless told otherwise. */
public final class Issuer {

    public static final String DEFAULT = "http://localhost:9000";

    private Issuer() {
    }
}
