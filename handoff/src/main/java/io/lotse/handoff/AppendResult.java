package io.lotse.handoff;

/**
 * What storing a customer message did.
 *
 * @param seq the seq of the message's frame
 * @param duplicate whether the client id had been stored before, so nothing was stored now and
 *     {@code seq} is that of the first frame
 */
public record AppendResult(long seq, boolean duplicate) {}
