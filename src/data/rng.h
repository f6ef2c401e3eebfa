/*
 * Seeded random numbers shared by the data layer and the training engine:
 * splitmix64 (to expand a seed, and as a counter-based hash) and
 * xoshiro256** (the stream generator).  Header-only so every user inlines
 * the few instructions a draw costs.
 */
#ifndef ACTIV_DATA_RNG_H
#define ACTIV_DATA_RNG_H

#include <stdint.h>

typedef struct activ_rng {
    uint64_t s[4];
} activ_rng;

/* splitmix64's output function: a bijective 64-bit mix. */
static inline uint64_t activ_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* One splitmix64 step: advances *state, returns the next value. */
static inline uint64_t activ_splitmix64(uint64_t *state)
{
    *state += 0x9e3779b97f4a7c15ULL;
    return activ_mix64(*state);
}

/* A key for (seed, counter): different counters give unrelated keys, so
   counter-based draws need no state carried between calls. */
static inline uint64_t activ_rng_key(uint64_t seed, uint64_t counter)
{
    return activ_mix64(activ_mix64(seed ^ 0x6a09e667f3bcc909ULL) + (counter + 1) * 0x9e3779b97f4a7c15ULL);
}

/* Seeds a xoshiro256** stream from one 64-bit value (never all zero). */
static inline void activ_rng_seed(activ_rng *r, uint64_t seed)
{
    uint64_t sm = seed;
    for (int i = 0; i < 4; i++) r->s[i] = activ_splitmix64(&sm);
}

static inline uint64_t activ_rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* xoshiro256**: the next 64 random bits. */
static inline uint64_t activ_rng_next(activ_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = activ_rotl64(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = activ_rotl64(s[3], 45);
    return out;
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double activ_rng_uniform(activ_rng *r) { return (double)(activ_rng_next(r) >> 11) * 0x1.0p-53; }

/* Uniform integer in [0, bound) without modulo bias (draws below 2^64 mod
   bound are rejected); bound > 0. */
static inline uint64_t activ_rng_below(activ_rng *r, uint64_t bound)
{
    uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        uint64_t x = activ_rng_next(r);
        if (x >= threshold) return x % bound;
    }
}

#endif
