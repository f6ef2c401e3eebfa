/* Deterministic normal draws for the networks: splitmix64 and Box-Muller. */
#include <math.h>
#include <stdlib.h>

#include "props_impl.h"

static double uniform(props_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) * 0x1p-53; /* (0, 1): log is finite */
}

double props_normal(props_rng *r)
{
    double u = uniform(r), v = uniform(r);
    return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

void props_pool_init(props_pool *pool, uint64_t seed)
{
    pool->v = NULL;
    pool->n = 0;
    pool->rng.s = seed * 0x2545F4914F6CDD1Dull + 1;
}

const float *props_pool_get(props_pool *pool, size_t n)
{
    if (n <= pool->n) return pool->v;
    n = (n + 1) & ~(size_t)1;
    float *v = realloc(pool->v, n * sizeof *v);
    if (!v) return NULL;
    for (size_t i = pool->n; i < n; i += 2) { /* both values of each pair */
        double u = uniform(&pool->rng), t = 6.283185307179586 * uniform(&pool->rng), r = sqrt(-2 * log(u));
        v[i] = (float)(r * cos(t));
        v[i + 1] = (float)(r * sin(t));
    }
    pool->v = v;
    pool->n = n;
    return v;
}

void props_pool_free(props_pool *pool)
{
    free(pool->v);
    pool->v = NULL;
    pool->n = 0;
}
