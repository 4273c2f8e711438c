package app.sabai.support.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The rules a route can be declared with. Those that name a path variable read the branch from the path, so staff
 * of one branch are refused at another's door before any code runs. Rules about a record's owner (a customer's own
 * booking) need the record and are checked where it is read.
 */
public final class Access {

    private Access() {
    }

    /** Signed in or not. */
    public static AuthorizationManager<RequestAuthorizationContext> anyone() {
        return (authentication, context) -> new AuthorizationDecision(true);
    }

    /** Any caller with a valid token. */
    public static AuthorizationManager<RequestAuthorizationContext> signedIn() {
        return caller(who -> true);
    }

    /** A caller with one of the roles. */
    public static AuthorizationManager<RequestAuthorizationContext> anyOf(Role... roles) {
        return caller(who -> {
            for (Role role : roles) {
                if (who.has(role)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Staff of the branch named by the path variable, or an administrator. */
    public static AuthorizationManager<RequestAuthorizationContext> actsAt(String branchVariable) {
        return atBranch(branchVariable, Caller::actsAt);
    }

    /** Those who may read at the branch named by the path variable: its staff, operations, administrators. */
    public static AuthorizationManager<RequestAuthorizationContext> readsAt(String branchVariable) {
        return atBranch(branchVariable, Caller::readsAt);
    }

    private static AuthorizationManager<RequestAuthorizationContext> atBranch(String variable, BiPredicate<Caller, String> rule) {
        return (authentication, context) -> new AuthorizationDecision(callerOf(authentication)
                .filter(who -> rule.test(who, context.getVariables().get(variable))).isPresent());
    }

    private static AuthorizationManager<RequestAuthorizationContext> caller(Predicate<Caller> rule) {
        return (authentication, context) -> new AuthorizationDecision(callerOf(authentication).filter(rule).isPresent());
    }

    private static Optional<Caller> callerOf(Supplier<? extends Authentication> authentication) {
        return Caller.of(authentication.get());
    }
}
