/*
 * The activation layer's fast paths (src/net/act_kinds.c) against the
 * reference activ_layer_forward/backward (src/catalog/layer.c, itself checked
 * against finite differences by layer.NAME), for every catalog entry whose
 * kind is not elementwise, stochastic or data-dependent, found by iterating
 * the catalog: forward in training and evaluation mode, dx, and the gradients
 * of trainable parameters for every sharing the entry allows, on dense
 * (H*W = 1) and image shapes (odd sizes, and one large enough for the
 * threaded loops), with continuous random inputs and with inputs on a coarse
 * grid (ties: maxout's first arg-max, sparsemax's support).
 * Tolerances: y and dx within 1e-5 relative plus 2e-6 of the tensor's
 * largest reference value (the kernels' tested float bounds and the
 * reference's double arithmetic differ by a few ULP); a parameter gradient
 * within 1e-5 of itself plus 1e-5 of sum |dy| (1 + max |x|) per slot (both
 * sides sum in a different order, the reference in float).
 *   test_act_kinds compare | threads
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

static int failures;
static size_t ran; /* cases compared (the others' shapes do not suit the entry) */
#define CHECK(c, ...)                                                                                                  \
    do {                                                                                                               \
        if (!(c)) {                                                                                                    \
            if (failures < 20) {                                                                                       \
                printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                            \
                printf(__VA_ARGS__);                                                                                   \
                printf("\n");                                                                                          \
            }                                                                                                          \
            failures++;                                                                                                \
        }                                                                                                              \
    } while (0)

typedef struct {
    int c, h, w;
    size_t n;
} shape;

/* dense and image shapes, odd ones included; the last has 100 K elements (the threaded loops) */
static const shape shapes[] = {{6, 1, 1, 5}, {10, 3, 5, 3}, {9, 1, 1, 4}, {6, 7, 7, 2}, {8, 28, 28, 4}};

static int is_layer_kind(const activ_entry *e)
{
    return e->kind != ACTIV_KIND_ELEMENTWISE && e->kind != ACTIV_KIND_STOCHASTIC &&
           e->kind != ACTIV_KIND_DATA_DEPENDENT;
}

static int trainable(const activ_entry *e)
{
    for (unsigned k = 0; k < e->nparams; k++)
        if (e->params[k].flags & ACTIV_P_TRAINABLE) return 1;
    return 0;
}

/* uniform in [-3, 3), or on the grid {-1.5, -1, ..., 1.5} (ties) */
static void fill(float *v, size_t n, uint64_t seed, int grid)
{
    for (size_t i = 0; i < n; i++) {
        const double u = net_uniform(seed, i);
        v[i] = grid ? (float)(floor(u * 7) * 0.5 - 1.5) : (float)(6 * u - 3);
    }
}

/* a net act layer on C x H x W, or NULL (the shape does not suit the entry) */
static net_layer *act_layer(const activ_entry *e, const shape *s, unsigned share)
{
    net_layer *L = calloc(1, sizeof *L);
    char err[256];
    L->in_c = s->c, L->in_h = s->h, L->in_w = s->w, L->in_dim = (size_t)s->c * s->h * s->w, L->skip_from = -1;
    if (net_act_init(L, e->name, share, err, sizeof err)) {
        free(L->priv), free(L);
        return NULL;
    }
    CHECK(!L->ops->reserve || L->ops->reserve(L, s->n) == 0, "%s: reserve", e->name);
    return L;
}

static void free_layer(net_layer *L)
{
    if (L->ops->release) L->ops->release(L);
    free(L->priv), free(L);
}

/* the trainable parameters moved off their defaults (so their gradients are generic), copied into R */
static void set_params(net_layer *L, activ_layer *R, uint64_t seed)
{
    const activ_entry *e = R->entry;
    for (int t = 0; t < L->nparams; t++) {
        net_param *P = &L->params[t];
        const size_t k = (size_t)(P->def - e->params);
        for (size_t j = 0; j < P->n; j++) {
            P->v[j] += (float)(0.6 * net_uniform(seed + (uint64_t)t, j) - 0.3);
            R->params[k * R->nshare + j] = P->v[j];
        }
    }
}

static double max_abs(const float *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) m = fabs(v[i]) > m ? fabs(v[i]) : m;
    return m;
}

/* got against the reference, elementwise (1e-5 relative plus 2e-6 of the largest reference value) */
static void compare(const char *what, const char *ctx, const float *got, const float *ref, size_t n)
{
    const double floor_abs = 2e-6 * (1 + max_abs(ref, n));
    for (size_t i = 0; i < n; i++) {
        const double d = fabs((double)got[i] - ref[i]);
        if (!(d <= 1e-5 * fabs(ref[i]) + floor_abs) && !(isnan(got[i]) && isnan(ref[i]))) {
            CHECK(0, "%s %s[%zu]: fast %.9g, reference %.9g", ctx, what, i, got[i], ref[i]);
            return;
        }
    }
}

static void check_case(const activ_entry *e, const shape *s, unsigned share, int grid, uint64_t seed)
{
    net_layer *L = act_layer(e, s, share);
    if (!L) return; /* e.g. an odd channel count for a gated entry: refused by both */
    activ_layer R;
    char err[256], ctx[160];
    const size_t I = (size_t)s->h * s->w, in = s->n * L->in_dim, out = s->n * L->out_dim;
    const int rc = activ_layer_init(&R, e, NULL, trainable(e) ? share : ACTIV_SHARE_SCALAR, (size_t)s->c, I, err,
                                    sizeof err);
    CHECK(rc == 0, "%s: reference layer: %s", e->name, err);
    if (rc) {
        free_layer(L);
        return;
    }
    snprintf(ctx, sizeof ctx, "%s %dx%dx%d n=%zu share=%u%s:", e->name, s->c, s->h, s->w, s->n, share,
             grid ? " grid" : "");
    set_params(L, &R, seed);
    ran++;
    const size_t np = e->nparams * R.nshare;
    float *x = malloc(in * sizeof *x), *dy = malloc(out * sizeof *dy), *y = malloc(out * sizeof *y);
    float *yr = malloc(out * sizeof *yr), *dx = malloc(in * sizeof *dx), *dxr = malloc(in * sizeof *dxr);
    float *gr = calloc(np + 1, sizeof *gr);
    fill(x, in, seed, grid), fill(dy, out, seed + 99, 0);

    /* evaluation, then training: forward, dx and the parameter gradients */
    L->ops->forward(L, x, y, s->n, 0);
    R.mode = ACTIV_MODE_EVAL;
    activ_layer_forward(&R, s->n, x, yr);
    compare("y (eval)", ctx, y, yr, out);
    L->ops->forward(L, x, y, s->n, 1);
    R.mode = ACTIV_MODE_TRAIN;
    activ_layer_forward(&R, s->n, x, yr);
    compare("y (train)", ctx, y, yr, out);
    L->ops->backward(L, x, y, dy, dx, s->n);
    activ_layer_backward(&R, s->n, x, dy, dxr, gr);
    compare("dx", ctx, dx, dxr, in);

    double scale = 0; /* sum |dy| (1 + max |x|) per slot */
    for (size_t i = 0; i < out; i++) scale += fabs(dy[i]);
    scale *= (1 + max_abs(x, in)) / (double)R.nshare;
    for (int t = 0; t < L->nparams; t++) {
        const net_param *P = &L->params[t];
        const size_t k = (size_t)(P->def - e->params);
        for (size_t j = 0; j < P->n; j++) {
            const double want = gr[k * R.nshare + j];
            CHECK(fabs(P->g[j] - want) <= 1e-5 * (fabs(want) + scale), "%s d/d%s[%zu]: fast %.9g, reference %.9g",
                  ctx, e->params[k].name, j, P->g[j], want);
        }
    }
    /* the first layer of a net needs no dx: the parameter gradients alone, the same */
    if (L->nparams) {
        float *g0 = malloc(L->params[0].n * sizeof *g0);
        memcpy(g0, L->params[0].g, L->params[0].n * sizeof *g0);
        L->ops->backward(L, x, y, dy, NULL, s->n);
        CHECK(!memcmp(g0, L->params[0].g, L->params[0].n * sizeof *g0), "%s gradients differ without dx", ctx);
        free(g0);
    }
    free(x), free(dy), free(y), free(yr), free(dx), free(dxr), free(gr);
    activ_layer_free(&R);
    free_layer(L);
}

static int test_compare(void)
{
    size_t entries = 0;
    for (size_t i = 0; i < activ_catalog_size(); i++) {
        const activ_entry *e = activ_catalog_get(i);
        if (!is_layer_kind(e)) continue;
        entries++;
        const int before = failures;
        for (unsigned share = ACTIV_SHARE_SCALAR; share <= ACTIV_SHARE_UNIT; share <<= 1) {
            if (share != ACTIV_SHARE_SCALAR && !trainable(e)) break;
            for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
                for (int grid = 0; grid < 2; grid++) check_case(e, &shapes[s], share, grid, 17 + 5 * s + grid);
        }
        printf("%-14s %-12s %s\n", e->name, activ_kind_name(e->kind), failures > before ? "FAILED" : "ok");
    }
    CHECK(entries >= 13, "only %zu entries of the layer kinds in the catalog", entries);
    printf("%zu entries, %zu cases: %s\n", entries, ran, failures ? "FAILED" : "passed");
    return failures != 0;
}

/* one training step of the large shape: y, dx and the parameter gradients, for 1 or 2 threads */
static void run_step(const activ_entry *e, int threads, float *y, float *dx, float *g)
{
    const shape *s = &shapes[sizeof shapes / sizeof *shapes - 1];
    net_set_threads(threads);
    net_layer *L = act_layer(e, s, trainable(e) ? ACTIV_SHARE_CHANNEL : ACTIV_SHARE_SCALAR);
    if (!L) return;
    const size_t in = s->n * L->in_dim, out = s->n * L->out_dim;
    float *x = malloc(in * sizeof *x), *dy = malloc(out * sizeof *dy);
    fill(x, in, 5, 0), fill(dy, out, 6, 0);
    L->ops->forward(L, x, y, s->n, 1);
    L->ops->backward(L, x, y, dy, dx, s->n);
    for (int t = 0, at = 0; t < L->nparams; at += (int)L->params[t].n, t++)
        memcpy(g + at, L->params[t].g, L->params[t].n * sizeof *g);
    free(x), free(dy);
    free_layer(L);
}

static int test_threads(void)
{
    const shape *s = &shapes[sizeof shapes / sizeof *shapes - 1];
    const size_t in = s->n * (size_t)s->c * s->h * s->w, most = 8 * in, np = ACTIV_MAX_PARAMS * (size_t)s->c;
    float *y1 = calloc(most, sizeof *y1), *y2 = calloc(most, sizeof *y2), *d1 = calloc(in, sizeof *d1);
    float *d2 = calloc(in, sizeof *d2), *g1 = calloc(np, sizeof *g1), *g2 = calloc(np, sizeof *g2);
    for (size_t i = 0; i < activ_catalog_size(); i++) {
        const activ_entry *e = activ_catalog_get(i);
        if (!is_layer_kind(e)) continue;
        run_step(e, 1, y1, d1, g1);
        run_step(e, 2, y2, d2, g2);
        CHECK(!memcmp(y1, y2, most * sizeof *y1) && !memcmp(d1, d2, in * sizeof *d1) &&
                  !memcmp(g1, g2, np * sizeof *g1),
              "%s: one and two threads differ", e->name);
    }
    printf("one and two threads: %s\n", failures ? "FAILED" : "bitwise equal");
    free(y1), free(y2), free(d1), free(d2), free(g1), free(g2);
    return failures != 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "compare")) return test_compare();
    if (argc == 2 && !strcmp(argv[1], "threads")) return test_threads();
    fprintf(stderr, "usage: %s compare|threads\n", argv[0]);
    return 2;
}
