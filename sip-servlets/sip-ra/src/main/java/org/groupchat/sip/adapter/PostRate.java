package org.groupchat.sip.adapter;

import java.time.Duration;

/**
 * How many posts a second the server takes once it has fallen behind: cut when it falls behind
 * (at most once a second, the time a backlog takes to show and to drain), raised a little every
 * tenth of a second it keeps up, and no limit again once the posts offered stay well under it.
 * TCP's congestion window, for posts.
 *
 * <p>Refusing every post for as long as the server was behind made the accepted rate swing
 * between all and nothing: the clients' late answers tell of a backlog some hundreds of
 * milliseconds old, so the server went on refusing after that backlog was written, sat idle, then
 * took every post and fell behind again (1 x 300 at twice its knee delivered 75 % of the knee's).
 * With a rate, the posts taken while it catches up keep it busy.
 */
final class PostRate {

    private static final long STEP_NANOS = Duration.ofMillis(100).toNanos();
    /** A cut waits this long after the last: the backlog that told of the last one is still draining. */
    private static final long HOLD_NANOS = Duration.ofSeconds(1).toNanos();
    /** A quarter under what was taken lately: under what the server kept up with, so its backlog drains. */
    private static final double CUT = 0.75;
    /** Per step kept up after the hold: a fifth more a second, back from a cut in some two and a half seconds. */
    private static final double RAISE = 1.02;
    /** Posts offered under this share of the limit: the load has gone, so has the limit. */
    private static final double UNUSED = 0.5;
    /** Never below: a server this slow still takes a post a second. */
    private static final double FLOOR = 1;

    private double limit = Double.POSITIVE_INFINITY;
    private long stepStart;
    private int offeredInStep;
    private int takenInStep;
    /** Posts offered and taken per second, smoothed over the last few steps. */
    private double offered;
    private double taken;
    private double tokens;
    private long lastCut;

    PostRate(long nowNanos) {
        this.stepStart = nowNanos;
        this.lastCut = nowNanos - HOLD_NANOS;
    }

    /**
     * Whether a post offered at {@code nowNanos} is taken; {@code behind}: the server's queues or
     * its clients' answers say it is behind right now.
     */
    synchronized boolean take(boolean behind, long nowNanos) {
        offer(behind, nowNanos);
        if (limit == Double.POSITIVE_INFINITY) {
            takenInStep++;
            return true;
        }
        if (tokens < 1) {
            return false;
        }
        tokens--;
        takenInStep++;
        return true;
    }

    /** A post refused whatever the rate (the server is far behind): it is offered all the same. */
    synchronized void refuse(long nowNanos) {
        offer(true, nowNanos);
    }

    private void offer(boolean behind, long nowNanos) {
        roll(nowNanos);
        offeredInStep++;
        if (behind && nowNanos - lastCut >= HOLD_NANOS) {
            double lately = Math.max(taken, perSecond(takenInStep));
            if (limit != Double.POSITIVE_INFINITY) {
                // a second of posts refused outright (far behind) took nothing: not a reason to take nothing
                lately = Math.max(lately, CUT * limit);
            }
            limit = Math.max(FLOOR, CUT * Math.min(limit, lately));
            tokens = Math.min(tokens, burst());
            lastCut = nowNanos;
        }
    }

    /** The limit in posts a second; infinite when there is none. */
    synchronized double limit() {
        return limit;
    }

    private void roll(long nowNanos) {
        long elapsed = nowNanos - stepStart;
        if (elapsed < STEP_NANOS) {
            return;
        }
        long steps = elapsed / STEP_NANOS;
        stepStart += steps * STEP_NANOS;
        offered = smooth(offered, offeredInStep, steps);
        taken = smooth(taken, takenInStep, steps);
        offeredInStep = 0;
        takenInStep = 0;
        if (limit == Double.POSITIVE_INFINITY) {
            return;
        }
        if (nowNanos - lastCut >= HOLD_NANOS) {
            limit *= Math.pow(RAISE, Math.min(steps, 10));
            if (offered < UNUSED * limit) {
                limit = Double.POSITIVE_INFINITY;
                return;
            }
        }
        tokens = Math.min(burst(), tokens + limit * steps * STEP_NANOS / 1e9);
    }

    /** At most a step's worth at once, and at least one post. */
    private double burst() {
        return Math.max(1, limit * STEP_NANOS / 1e9);
    }

    /** Per second, over about the last five steps (the steps with nothing count as nothing). */
    private static double smooth(double average, int count, long steps) {
        double kept = Math.pow(0.8, Math.min(steps, 50));
        return average * kept + perSecond(count) * 0.2 * Math.pow(0.8, Math.min(steps - 1, 50));
    }

    /** A step's count of posts, as posts a second. */
    private static double perSecond(int count) {
        return count * 1e9 / STEP_NANOS;
    }
}
