package app.sabai.gateway.limits;

/**
 * Which part of the gateway a request asked for, in few enough values to tag a measure with: never the path itself,
 * which a caller chooses freely.
 */
enum PathGroup {

    /** {@code POST /auth/token}. */
    TOKEN("token"),
    /** The operations API, {@code /api/ops/**}. */
    OPERATIONS("operations"),
    /** Every other API path, {@code /api/**}. */
    API("api"),
    /** The API explorer and the documents it shows. */
    DOCS("docs"),
    /** Pages, sign-in and anything else. */
    OTHER("other");

    private final String tag;

    PathGroup(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    static PathGroup of(String path) {
        if (path.equals(RateLimits.TOKEN_ENDPOINT)) {
            return TOKEN;
        }
        if (path.equals("/api/ops") || path.startsWith("/api/ops/")) {
            return OPERATIONS;
        }
        if (path.startsWith("/api/")) {
            return API;
        }
        if (path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui")) {
            return DOCS;
        }
        return OTHER;
    }
}
