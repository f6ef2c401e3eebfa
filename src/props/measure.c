/* Measuring an entry: the four criteria and the derived flags, put together. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "activ/train.h"
#include "props_impl.h"

void activ_props_config_default(activ_props_config *c)
{
    c->depth = 50;
    c->width = 256;
    c->batch = 256;
    c->seed = 1;
    c->cost = 1;
}

static int check_config(const activ_props_config *c, char *err, size_t errlen)
{
    if (c->depth < 1 || c->depth > 10000 || c->width < 1 || c->width > 1 << 16 || c->batch < 1 ||
        c->batch > 1 << 16) {
        snprintf(err, errlen, "depth %d, width %d, batch %d: each must be from 1 (depth up to 10000, width and "
                 "batch up to 65536)", c->depth, c->width, c->batch);
        return -1;
    }
    return 0;
}

static int measure(const activ_entry *e, const double *p, const activ_props_config *c, props_pool *pool,
                   activ_measured *m, char *err, size_t errlen)
{
    if (check_config(c, err, errlen)) return -1;
    memset(m, 0, sizeof *m);
    m->entry = e;
    if (p) memcpy(m->p, p, e->nparams * sizeof *p);
    else activ_defaults(e, m->p);
    m->init = activ_init_default(e);
    m->fwd_ns = m->bwd_ns = m->fwd_ns_rel = m->bwd_ns_rel = NAN;
    m->grad_first = m->grad_last = m->grad_ratio = m->grad_log10 = m->backprop_ratio = NAN;
    m->dead_fraction = m->net_saturation = NAN;

    double kinks[32];
    size_t nk = derive_flags(e, m->p, m, kinks, sizeof kinks / sizeof *kinks);
    if (normal_measures(e, m->p, kinks, nk, m)) {
        snprintf(err, errlen, "out of memory for the quadrature");
        return -1;
    }
    compare_flags(e, m->p, m);
    if (deepnet_measure(e, m->p, c, pool, m, err, errlen)) return -1;
    m->score = activ_props_score(m);
    return 0;
}

int activ_props_measure(const activ_entry *e, const double *p, const activ_props_config *c, activ_measured *m,
                        char *err, size_t errlen)
{
    props_pool pool;
    props_pool_init(&pool, c->seed);
    int rc = measure(e, p, c, &pool, m, err, errlen);
    props_pool_free(&pool);
    return rc;
}

int activ_props_measure_many(const activ_entry *const *es, const double *const *ps, size_t n,
                             const activ_props_config *c, activ_measured *out, char *err, size_t errlen)
{
    props_pool pool;
    props_pool_init(&pool, c->seed);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) rc = measure(es[i], ps ? ps[i] : NULL, c, &pool, &out[i], err, errlen);
    props_pool_free(&pool);
    if (rc || !c->cost) return rc;
    /* timed together, after the rest, so that the ratios compare like with like */
    double rf, rb;
    activ_props_cost(activ_find("relu", NULL), NULL, &rf, &rb);
    for (size_t i = 0; i < n; i++) {
        activ_measured *m = &out[i];
        activ_props_cost(m->entry, m->p, &m->fwd_ns, &m->bwd_ns);
        m->fwd_ns_rel = m->fwd_ns / rf;
        m->bwd_ns_rel = m->bwd_ns / rb;
        m->score = activ_props_score(m);
    }
    return 0;
}
