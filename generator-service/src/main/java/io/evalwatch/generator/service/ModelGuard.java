package io.evalwatch.generator.service;

import io.evalwatch.generator.resilience.CircuitBreaker;
import io.evalwatch.generator.resilience.ModelThrottle;

/** What stands between items and one model's endpoint: its client-side limits and its circuit breaker. */
public record ModelGuard(ModelThrottle throttle, CircuitBreaker breaker) {
}
