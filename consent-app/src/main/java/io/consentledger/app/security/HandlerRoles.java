package io.consentledger.app.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Lets a request through only for the roles its handler names with {@link RolesAllowed} (on the method, else on its
 * controller; {@link PermitAll} lets everyone in), and decides it before Spring MVC reads or validates anything of the
 * request: a user without the role gets 403 even for a body that is not valid. Most requests are decided from the
 * handlers' path patterns and methods alone; where those leave a doubt (no pattern matches, or the handlers that match
 * allow different roles) the handler is looked up as Spring MVC will look it up. A handler in scope (the API's, the back office's) that names no roles stops the application from starting; a
 * request that only partly matches handlers (another method or media type) needs a role of one of the handlers of its
 * path, and one that matches no path an authenticated user, to learn that it is not there.
 */
final class HandlerRoles implements AuthorizationManager<RequestAuthorizationContext> {

    static final String API = "/api/";

    private final RequestMappingHandlerMapping mappings;
    private final Map<Method, Set<String>> rolesByHandler = new HashMap<>();
    private final Set<Method> openToEveryone = new HashSet<>();
    private final List<Route> routes = new ArrayList<>();

    /** What a handler marked {@link PermitAll} allows: everyone, signed in or not. */
    private static final Set<String> EVERYONE = Set.of("*");

    private HandlerRoles(
            RequestMappingHandlerMapping mappings,
            String scope,
            BiPredicate<RequestMappingInfo, HandlerMethod> inScope) {
        this.mappings = mappings;
        List<String> unguarded = new ArrayList<>();
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            if (!inScope.test(mapping, handler)) {
                return;
            }
            if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PermitAll.class)) {
                openToEveryone.add(handler.getMethod());
                return;
            }
            Set<String> roles = rolesOf(handler);
            if (roles.isEmpty()) {
                unguarded.add(handler.toString());
            } else {
                rolesByHandler.put(handler.getMethod(), roles);
            }
        });
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            if (inScope.test(mapping, handler) && mapping.getPathPatternsCondition() != null) {
                for (PathPattern pattern : mapping.getPathPatternsCondition().getPatterns()) {
                    routes.add(Route.of(pattern, mapping.getMethodsCondition().getMethods(), handler.getMethod()));
                }
            }
        });
        if (rolesByHandler.isEmpty() && openToEveryone.isEmpty()) {
            throw new IllegalStateException("No handler is in the scope of " + scope);
        }
        if (!unguarded.isEmpty()) {
            throw new IllegalStateException("Every handler of " + scope
                    + " names the roles it allows with @RolesAllowed (or @PermitAll); these do not: " + unguarded);
        }
    }

    /** The HTTP API: every handler with a path under {@code /api/}. */
    static HandlerRoles api(RequestMappingHandlerMapping mappings) {
        return new HandlerRoles(
                mappings,
                "the API",
                (mapping, handler) -> mapping.getPatternValues().stream().anyMatch(pattern -> pattern.startsWith(API)));
    }

    /** The back office: every handler of a controller in the given package. */
    static HandlerRoles backOffice(RequestMappingHandlerMapping mappings, String controllerPackage) {
        return new HandlerRoles(
                mappings,
                "the back office",
                (mapping, handler) -> handler.getBeanType().getPackageName().equals(controllerPackage));
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        if (HttpMethod.OPTIONS.matches(request.getMethod())) {
            return exactly(authentication, context);
        }
        // The common case without a handler lookup: the routes whose pattern and method match all allow the same.
        PathContainer path = (ServletRequestPathUtils.hasParsedRequestPath(request)
                        ? ServletRequestPathUtils.getParsedRequestPath(request)
                        : RequestPath.parse(request.getRequestURI(), request.getContextPath()))
                .pathWithinApplication();
        RequestMethod method = RequestMethod.resolve(request.getMethod());
        Set<Method> onPath = new HashSet<>();
        Set<Method> matching = new HashSet<>();
        String value = path.value();
        for (Route route : routes) {
            if (value.startsWith(route.literalStart()) && route.pattern().matches(path)) {
                onPath.add(route.handler());
                if (route.allows(method)) {
                    matching.add(route.handler());
                }
            }
        }
        if (onPath.isEmpty()) {
            return exactly(authentication, context);
        }
        if (matching.isEmpty()) {
            return forPartialMatch(onPath, authentication, context);
        }
        Set<Set<String>> decisions = new HashSet<>();
        matching.forEach(handler -> decisions.add(allowed(handler)));
        if (decisions.size() > 1) {
            return exactly(authentication, context);
        }
        Set<String> roles = decisions.iterator().next();
        return roles == EVERYONE
                ? new AuthorizationDecision(true)
                : anyOf(roles).check(authentication, context);
    }

    /** The roles of a handler in scope, or {@link #EVERYONE}. */
    private Set<String> allowed(Method handler) {
        return openToEveryone.contains(handler) ? EVERYONE : rolesByHandler.get(handler);
    }

    /** A request that matches a path but not its methods or media types: Spring MVC will refuse it. */
    private AuthorizationDecision forPartialMatch(
            Set<Method> onPath, Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        // Spring MVC will refuse it (405, 406, 415, 400): only someone allowed on that path may learn why.
        Set<String> roles = new TreeSet<>();
        onPath.forEach(handler -> roles.addAll(rolesByHandler.getOrDefault(handler, Set.of())));
        return roles.isEmpty()
                ? AuthenticatedAuthorizationManager.authenticated().check(authentication, context)
                : anyOf(roles).check(authentication, context);
    }

    /** Decides as Spring MVC will dispatch: by looking the handler up. */
    private AuthorizationDecision exactly(
            Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = new Lookup(context.getRequest());
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain;
        try {
            chain = mappings.getHandler(request);
        } catch (Exception partialMatch) {
            return forPartialMatch(handlersOfPath(request), authentication, context);
        }
        if (chain == null) {
            return AuthenticatedAuthorizationManager.authenticated().check(authentication, context);
        }
        if (chain.getHandler() instanceof HandlerMethod handler) {
            if (openToEveryone.contains(handler.getMethod())) {
                return new AuthorizationDecision(true);
            }
            if (rolesByHandler.containsKey(handler.getMethod())) {
                return anyOf(rolesByHandler.get(handler.getMethod())).check(authentication, context);
            }
        }
        // Spring's own handlers (OPTIONS, CORS pre-flight) and any handler out of scope.
        return new AuthorizationDecision(false);
    }

    private static AuthorizationManager<RequestAuthorizationContext> anyOf(Set<String> roles) {
        return AuthorityAuthorizationManager.hasAnyRole(roles.toArray(String[]::new));
    }

    private Set<Method> handlersOfPath(HttpServletRequest request) {
        Set<Method> handlers = new HashSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo mapping, HandlerMethod handler) -> {
            if (mapping.getActivePatternsCondition().getMatchingCondition(request) != null) {
                handlers.add(handler.getMethod());
            }
        });
        return handlers;
    }

    /** One path pattern of a handler in scope, with the methods it answers (none named: all). */
    private record Route(PathPattern pattern, String literalStart, Set<RequestMethod> methods, Method handler) {

        /** The route, with the part of its pattern before any variable or wildcard: a cheap first test. */
        static Route of(PathPattern pattern, Set<RequestMethod> methods, Method handler) {
            String text = pattern.getPatternString();
            int end = text.length();
            for (char special : new char[] {'{', '*', '?'}) {
                int at = text.indexOf(special);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
            return new Route(pattern, text.substring(0, end), methods, handler);
        }

        boolean allows(RequestMethod method) {
            return methods.isEmpty()
                    || methods.contains(method)
                    // Spring MVC answers HEAD with the GET handler.
                    || method == RequestMethod.HEAD && methods.contains(RequestMethod.GET);
        }
    }

    /** The roles the handler method names, or else its controller; each must be a {@link Role}. */
    private static Set<String> rolesOf(HandlerMethod handler) {
        RolesAllowed allowed = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RolesAllowed.class);
        if (allowed == null) {
            allowed = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RolesAllowed.class);
        }
        if (allowed == null) {
            return Set.of();
        }
        Set<String> roles = new TreeSet<>(Arrays.asList(allowed.value()));
        Set<String> known = new TreeSet<>();
        Arrays.stream(Role.values()).map(Role::name).forEach(known::add);
        if (!known.containsAll(roles)) {
            throw new IllegalStateException(handler + " allows " + roles + "; the roles are " + known);
        }
        return roles;
    }

    /** The request as the handler lookup sees it: the attributes the lookup sets stay here, off the request. */
    private static final class Lookup extends HttpServletRequestWrapper {

        private final Map<String, Object> attributes = new HashMap<>();

        Lookup(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.put(name, null);
        }
    }
}
