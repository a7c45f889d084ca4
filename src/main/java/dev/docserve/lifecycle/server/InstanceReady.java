package dev.docserve.lifecycle.server;

import dev.docserve.lifecycle.layout.RuntimeState;

/** Fired once {@code runtime.json} is published: the instance can be reached at its base URL. */
public record InstanceReady(InstanceIdentity identity, RuntimeState runtime) {
}
