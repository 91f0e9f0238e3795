package io.evalwatch.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method anyone may call without a key, because it takes a key itself: the console's sign-in form, which
 * checks the key it is given before storing it in a cookie. Nothing else should carry it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface KeyNotRequired {
}
