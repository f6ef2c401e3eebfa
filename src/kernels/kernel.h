/*
 * What a kernel file writes, and the loops the macro builds around it.
 *
 * A kernel for catalog entry NAME (file src/kernels/NAME.c) defines, over
 * the vector layer, with P[k] the k-th parameter broadcast to all lanes:
 *
 *     V_INLINE vf NAME_f(vf x, const vf *P)        f(x)
 *     V_INLINE vf NAME_df(vf x, const vf *P)       f'(x)
 *     V_INLINE vf NAME_dy(vf y, const vf *P)       f'(x) from y = f(x)    (if the entry has df_from_y)
 *     V_INLINE void NAME_dp(vf x, const vf *P, vf *g)   g[k] = df/dp_k    (if the entry has parameters)
 *
 * and then one of
 *
 *     ACTIV_KERNEL(NAME, NPARAMS, bound...)           f, f'
 *     ACTIV_KERNEL_Y(NAME, NPARAMS, bound...)         f, f', from-output
 *     ACTIV_KERNEL_P(NAME, NPARAMS, bound...)         f, f', parameter gradients
 *     ACTIV_KERNEL_YP(NAME, NPARAMS, bound...)        all four
 *     ACTIV_KERNEL_DRAWN(NAME, NPARAMS, R, bound...)  all four, and parameter R drawn per element
 *                                                     by V_INLINE vf NAME_draw(vdraw d, const vf *P)
 *                                                     (stochastic entries; draw.h)
 *
 * where bound is (f_ulp, df_ulp, abs, "why"): the error the kernel test
 * allows against the double reference, in float ULP, with an absolute
 * fallback (0: none) for where cancellation makes ULP meaningless.
 *
 * The loops handle any length and alignment (a tail goes through a padded
 * buffer), allow y == x and dx == dy, and give NaN for a NaN x whatever the
 * lane function does.  Parameter gradients are summed in float per vector
 * and flushed to double every 256 vectors.  Every kernel also gets a fused
 * f-and-f' forward (fwd_df) and, with parameters, a fused backward with
 * the parameter gradients (bwd_dp): the same lane functions in one loop, so
 * the same bits as the separate loops with one pass over memory.
 */
#ifndef ACTIV_KERNEL_H
#define ACTIV_KERNEL_H

#include "activ/activ.h"
#include "vec.h"
#include "draw.h"

typedef struct activ_kernel {
    const char *name;
    unsigned nparams;
    void (*fwd)(const float *x, float *y, size_t n, const float *p);
    void (*bwd)(const float *x, const float *dy, float *dx, size_t n, const float *p);
    void (*bwd_y)(const float *y, const float *dy, float *dx, size_t n, const float *p);
    void (*dp)(const float *x, const float *dy, size_t n, const float *p, double *g);
    /* Parameters varying along the array (per channel in NHWC, per unit): element i
       uses pa[k * period + (off + i) % period]; dp_pv adds into g[k * period + slot]. */
    void (*fwd_pv)(const float *x, float *y, size_t n, const float *pa, size_t period, size_t off);
    void (*bwd_pv)(const float *x, const float *dy, float *dx, size_t n, const float *pa, size_t period, size_t off);
    void (*dp_pv)(const float *x, const float *dy, size_t n, const float *pa, size_t period, size_t off, double *g);
    float f_ulp, df_ulp, abs; /* tested bound: ULP, or abs where ULP is meaningless */
    const char *why;
    /* y = f(x) and d = f'(x) in one pass: a training forward keeps d, and its backward is dy * d */
    void (*fwd_df)(const float *x, float *y, float *d, size_t n, const float *p);
    /* bwd and dp in one pass (the same bits as the two): a trainable entry's backward reads x once */
    void (*bwd_dp)(const float *x, const float *dy, float *dx, size_t n, const float *p, double *g);
    /* Stochastic entries in training: parameter `random` of element i drawn from (key, off + i) (draw.h);
       bwd_drawn also sums the other parameters' gradients into g when g is not NULL (g[random] = 0) */
    void (*fwd_drawn)(const float *x, float *y, float *d, size_t n, const float *p, const uint32_t *key,
                      size_t off); /* d = f'(x) too, unless NULL */
    void (*bwd_drawn)(const float *x, const float *dy, float *dx, size_t n, const float *p, const uint32_t *key,
                      size_t off, double *g);
} activ_kernel;

#define K_CAT3_(a, b, c) a##b##c
#define K_CAT3(a, b, c) K_CAT3_(a, b, c)
#define K_SYMBOL(name) K_CAT3(activ_kernel_, name, K_CAT3(_, ISA_NAME, ))

V_INLINE void k_broadcast(vf *P, const float *p, unsigned np)
{
    for (unsigned k = 0; k < np; k++) P[k] = vset(p[k]);
}
#define K_BROADCAST(np)                                                                                   \
    vf P[ACTIV_MAX_PARAMS + 1];                                                                           \
    k_broadcast(P, p, np);

/* out[i] = OP(in[i]) for a unary lane function, with the tail padded */
#define K_UNARY_LOOP(np, IN, OUT, EXPR)                                                                   \
    K_BROADCAST(np)                                                                                       \
    size_t i = 0;                                                                                         \
    for (; i + VW <= n; i += VW) {                                                                        \
        vf v = vload(IN + i);                                                                             \
        vstore(OUT + i, vsel(visnan(v), v, EXPR));                                                        \
    }                                                                                                     \
    if (i < n) {                                                                                          \
        float buf[VW] = {0};                                                                              \
        memcpy(buf, IN + i, (n - i) * sizeof(float));                                                    \
        vf v = vload(buf);                                                                                \
        vstore(buf, vsel(visnan(v), v, EXPR));                                                            \
        memcpy(OUT + i, buf, (n - i) * sizeof(float));                                                    \
    }

/* dx[i] = dy[i] * D(in[i]) */
#define K_BINARY_LOOP(np, IN, EXPR)                                                                       \
    K_BROADCAST(np)                                                                                       \
    size_t i = 0;                                                                                         \
    for (; i + VW <= n; i += VW) {                                                                        \
        vf v = vload(IN + i), d = vload(dy + i);                                                          \
        vstore(dx + i, vsel(visnan(v), v, d * (EXPR)));                                                   \
    }                                                                                                     \
    if (i < n) {                                                                                          \
        float b1[VW] = {0}, b2[VW] = {0};                                                                 \
        memcpy(b1, IN + i, (n - i) * sizeof(float));                                                     \
        memcpy(b2, dy + i, (n - i) * sizeof(float));                                                     \
        vf v = vload(b1), d = vload(b2);                                                                  \
        vstore(b1, vsel(visnan(v), v, d * (EXPR)));                                                       \
        memcpy(dx + i, b1, (n - i) * sizeof(float));                                                     \
    }

#define K_DEF_FWD(name, np)                                                                               \
    static void name##_fwd_loop(const float *x, float *y, size_t n, const float *p)                       \
    {                                                                                                     \
        K_UNARY_LOOP(np, x, y, name##_f(v, P))                                                            \
    }
/* y = f(x), d = f'(x) from one load; the same lane functions as the two loops, so the same bits */
#define K_DEF_FWD_DF(name, np)                                                                            \
    static void name##_fwd_df_loop(const float *x, float *y, float *d, size_t n, const float *p)          \
    {                                                                                                     \
        K_BROADCAST(np)                                                                                   \
        for (size_t i = 0; i < n; i += VW) {                                                              \
            float b1[VW] = {0}, b2[VW];                                                                   \
            const size_t len = n - i < VW ? n - i : VW;                                                   \
            const float *in = x + i;                                                                      \
            if (len < VW) memcpy(b1, x + i, len * sizeof(float)), in = b1;                               \
            vf v = vload(in);                                                                             \
            vm nan = visnan(v);                                                                           \
            vf fy = vsel(nan, v, name##_f(v, P)), fd = vsel(nan, v, name##_df(v, P));                     \
            if (len == VW) {                                                                              \
                vstore(y + i, fy), vstore(d + i, fd);                                                     \
            } else {                                                                                      \
                vstore(b1, fy), vstore(b2, fd);                                                           \
                memcpy(y + i, b1, len * sizeof(float)), memcpy(d + i, b2, len * sizeof(float));          \
            }                                                                                             \
        }                                                                                                 \
    }
#define K_DEF_BWD(name, np)                                                                               \
    static void name##_bwd_loop(const float *x, const float *dy, float *dx, size_t n, const float *p)     \
    {                                                                                                     \
        K_BINARY_LOOP(np, x, name##_df(v, P))                                                             \
    }
#define K_DEF_BWD_Y(name, np)                                                                             \
    static void name##_bwdy_loop(const float *y, const float *dy, float *dx, size_t n, const float *p)    \
    {                                                                                                     \
        K_BINARY_LOOP(np, y, name##_dy(v, P))                                                             \
    }
/* acc[k] += dy df/dp_k for this vector (0 where dy is 0, NaN kept), and out += acc every 256 vectors and at the end */
#define K_DP_ACCUMULATE(name, np)                                                                         \
    name##_dp(v, P, g);                                                                                   \
    for (unsigned k = 0; k < (np); k++) acc[k] += vsel(d == 0, vset(0), d * vsel(visnan(v), v, g[k]));
#define K_DP_FLUSH(np)                                                                                    \
    if (++since == 256 || i + VW >= n) {                                                                  \
        for (unsigned k = 0; k < (np); k++) {                                                             \
            for (int l = 0; l < VW; l++) out[k] += acc[k][l];                                             \
            acc[k] = vset(0);                                                                             \
        }                                                                                                 \
        since = 0;                                                                                        \
    }

#define K_DEF_DP(name, np)                                                                                \
    static void name##_dp_loop(const float *x, const float *dy, size_t n, const float *p, double *out)    \
    {                                                                                                     \
        K_BROADCAST(np)                                                                                   \
        vf acc[(np) + 1], g[(np) + 1];                                                                    \
        for (unsigned k = 0; k < (np); k++) acc[k] = vset(0), out[k] = 0;                                 \
        size_t i = 0, since = 0;                                                                          \
        for (; i < n; i += VW) {                                                                          \
            vf v, d;                                                                                      \
            if (i + VW <= n) {                                                                            \
                v = vload(x + i), d = vload(dy + i);                                                      \
            } else {                                                                                      \
                float b1[VW] = {0}, b2[VW] = {0};                                                         \
                memcpy(b1, x + i, (n - i) * sizeof(float));                                              \
                memcpy(b2, dy + i, (n - i) * sizeof(float));                                             \
                v = vload(b1), d = vload(b2);                                                             \
            }                                                                                             \
            K_DP_ACCUMULATE(name, np)                                                                     \
            K_DP_FLUSH(np)                                                                                \
        }                                                                                                 \
    }

/* dx as K_BINARY_LOOP and g as K_DEF_DP, vector by vector in one loop (same sums, same flushes) */
#define K_DEF_BWD_DP(name, np)                                                                            \
    static void name##_bwd_dp_loop(const float *x, const float *dy, float *dx, size_t n, const float *p,  \
                                   double *out)                                                           \
    {                                                                                                     \
        K_BROADCAST(np)                                                                                   \
        vf acc[(np) + 1], g[(np) + 1];                                                                    \
        for (unsigned k = 0; k < (np); k++) acc[k] = vset(0), out[k] = 0;                                 \
        size_t since = 0;                                                                                 \
        for (size_t i = 0; i < n; i += VW) {                                                              \
            const size_t len = n - i < VW ? n - i : VW;                                                   \
            float b1[VW] = {0}, b2[VW] = {0};                                                             \
            vf v, d;                                                                                      \
            if (len == VW) {                                                                              \
                v = vload(x + i), d = vload(dy + i);                                                      \
            } else {                                                                                      \
                memcpy(b1, x + i, len * sizeof(float));                                                  \
                memcpy(b2, dy + i, len * sizeof(float));                                                 \
                v = vload(b1), d = vload(b2);                                                             \
            }                                                                                             \
            const vf r = vsel(visnan(v), v, d * name##_df(v, P));                                         \
            K_DP_ACCUMULATE(name, np)                                                                     \
            if (len == VW) {                                                                              \
                vstore(dx + i, r);                                                                        \
            } else {                                                                                      \
                vstore(b1, r);                                                                            \
                memcpy(dx + i, b1, len * sizeof(float));                                                 \
            }                                                                                             \
            K_DP_FLUSH(np)                                                                                \
        }                                                                                                 \
    }

/* P[k] for the VW elements from position pos: one load when they sit in one period */
V_INLINE void k_load_periodic(vf *P, const float *pa, unsigned np, size_t period, size_t pos)
{
    size_t s = pos % period;
    if (s + VW <= period) {
        for (unsigned k = 0; k < np; k++) P[k] = vload(pa + k * period + s);
        return;
    }
    for (unsigned k = 0; k < np; k++)
        for (int l = 0; l < VW; l++) P[k][l] = pa[k * period + (pos + (size_t)l) % period];
}

#define K_DEF_PV(name, np)                                                                                \
    static void name##_fwd_pv(const float *x, float *y, size_t n, const float *pa, size_t period, size_t off) \
    {                                                                                                     \
        vf P[(np) + 1];                                                                                   \
        for (size_t i = 0; i < n; i += VW) {                                                              \
            k_load_periodic(P, pa, np, period, off + i);                                                  \
            float b[VW] = {0};                                                                            \
            size_t len = n - i < VW ? n - i : VW;                                                         \
            memcpy(b, x + i, len * sizeof(float));                                                       \
            vf v = vload(b);                                                                              \
            vstore(b, vsel(visnan(v), v, name##_f(v, P)));                                                \
            memcpy(y + i, b, len * sizeof(float));                                                       \
        }                                                                                                 \
    }                                                                                                     \
    static void name##_bwd_pv(const float *x, const float *dy, float *dx, size_t n, const float *pa,      \
                              size_t period, size_t off)                                                  \
    {                                                                                                     \
        vf P[(np) + 1];                                                                                   \
        for (size_t i = 0; i < n; i += VW) {                                                              \
            k_load_periodic(P, pa, np, period, off + i);                                                  \
            float b1[VW] = {0}, b2[VW] = {0};                                                             \
            size_t len = n - i < VW ? n - i : VW;                                                         \
            memcpy(b1, x + i, len * sizeof(float));                                                      \
            memcpy(b2, dy + i, len * sizeof(float));                                                     \
            vf v = vload(b1), d = vload(b2);                                                              \
            vstore(b1, vsel(visnan(v), v, d * name##_df(v, P)));                                          \
            memcpy(dx + i, b1, len * sizeof(float));                                                     \
        }                                                                                                 \
    }                                                                                                     \
    static void name##_dp_pv(const float *x, const float *dy, size_t n, const float *pa, size_t period,   \
                             size_t off, double *out)                                                     \
    {                                                                                                     \
        vf P[(np) + 1], g[(np) + 1];                                                                      \
        for (size_t i = 0; i < n; i += VW) {                                                              \
            k_load_periodic(P, pa, np, period, off + i);                                                  \
            float b1[VW] = {0}, b2[VW] = {0};                                                             \
            size_t len = n - i < VW ? n - i : VW;                                                         \
            memcpy(b1, x + i, len * sizeof(float));                                                      \
            memcpy(b2, dy + i, len * sizeof(float));                                                     \
            vf v = vload(b1), d = vload(b2);                                                              \
            name##_dp(v, P, g);                                                                           \
            for (unsigned k = 0; k < (np); k++) {                                                         \
                vf c = vsel(d == 0, vset(0), d * vsel(visnan(v), v, g[k]));                               \
                for (size_t l = 0; l < len; l++) out[k * period + (off + i + l) % period] += c[l];        \
            }                                                                                             \
        }                                                                                                 \
    }

#define K_EXPORT(name, np, fy, fp, pv, f_ulp, df_ulp, abs, why) K_EXPORT_D(name, np, fy, fp, pv, 0, f_ulp, df_ulp, abs, why)
#define K_EXPORT_D(name, np, fy, fp, pv, drawn, f_ulp, df_ulp, abs, why)                                 \
    K_DEF_FWD_DF(name, np)                                                                                \
    const activ_kernel K_SYMBOL(name) = {#name, np, name##_fwd_loop, name##_bwd_loop, fy, fp, K_PV_##pv(name), \
                                         f_ulp, df_ulp, abs, why, name##_fwd_df_loop, K_BWD_DP_##pv(name),  \
                                         K_DRAWN_##drawn(name)};
#define K_DRAWN_0(name) NULL, NULL
#define K_DRAWN_1(name) name##_fwd_drawn, name##_bwd_drawn
#define K_PV_0(name) NULL, NULL, NULL
#define K_PV_1(name) name##_fwd_pv, name##_bwd_pv, name##_dp_pv
#define K_BWD_DP_0(name) NULL
#define K_BWD_DP_1(name) name##_bwd_dp_loop

#define ACTIV_KERNEL(name, np, f_ulp, df_ulp, abs, why)                                                  \
    K_DEF_FWD(name, np) K_DEF_BWD(name, np) K_EXPORT(name, np, NULL, NULL, 0, f_ulp, df_ulp, abs, why)
#define ACTIV_KERNEL_Y(name, np, f_ulp, df_ulp, abs, why)                                                \
    K_DEF_FWD(name, np) K_DEF_BWD(name, np) K_DEF_BWD_Y(name, np)                                         \
    K_EXPORT(name, np, name##_bwdy_loop, NULL, 0, f_ulp, df_ulp, abs, why)
#define ACTIV_KERNEL_P(name, np, f_ulp, df_ulp, abs, why)                                                \
    K_DEF_FWD(name, np) K_DEF_BWD(name, np) K_DEF_DP(name, np) K_DEF_PV(name, np) K_DEF_BWD_DP(name, np)   \
    K_EXPORT(name, np, NULL, name##_dp_loop, 1, f_ulp, df_ulp, abs, why)
#define ACTIV_KERNEL_YP(name, np, f_ulp, df_ulp, abs, why)                                               \
    K_DEF_FWD(name, np) K_DEF_BWD(name, np) K_DEF_BWD_Y(name, np) K_DEF_DP(name, np) K_DEF_PV(name, np)   \
    K_DEF_BWD_DP(name, np)                                                                                \
    K_EXPORT(name, np, name##_bwdy_loop, name##_dp_loop, 1, f_ulp, df_ulp, abs, why)

/* the lane indices 0 .. VW-1 */
V_INLINE vu k_iota(void)
{
    vu v;
    for (int l = 0; l < VW; l++) v[l] = (uint32_t)l;
    return v;
}

/* f (and f' if d) and f' with dp with parameter r drawn per element: as K_DEF_FWD_DF and
   K_DEF_BWD_DP, P[r] set per vector */
#define K_DEF_DRAWN(name, np, r)                                                                          \
    static void name##_fwd_drawn(const float *x, float *y, float *d, size_t n, const float *p,            \
                                 const uint32_t *key, size_t off)                                         \
    {                                                                                                     \
        K_BROADCAST(np)                                                                                   \
        const vu lanes = k_iota();                                                                        \
        for (size_t i = 0; i < n; i += VW) {                                                              \
            const size_t len = n - i < VW ? n - i : VW;                                                   \
            float b[VW] = {0};                                                                            \
            P[r] = name##_draw((vdraw){lanes + (uint32_t)(off + i), key}, P);                             \
            const float *in = x + i;                                                                      \
            if (len < VW) memcpy(b, x + i, len * sizeof(float)), in = b;                                 \
            vf v = vload(in);                                                                             \
            vm nan = visnan(v);                                                                           \
            vf fy = vsel(nan, v, name##_f(v, P));                                                         \
            if (len == VW) vstore(y + i, fy);                                                             \
            else vstore(b, fy), memcpy(y + i, b, len * sizeof(float));                                   \
            if (!d) continue;                                                                             \
            vf fd = vsel(nan, v, name##_df(v, P));                                                        \
            if (len == VW) vstore(d + i, fd);                                                             \
            else vstore(b, fd), memcpy(d + i, b, len * sizeof(float));                                   \
        }                                                                                                 \
    }                                                                                                     \
    static void name##_bwd_drawn(const float *x, const float *dy, float *dx, size_t n, const float *p,    \
                                 const uint32_t *key, size_t off, double *out)                            \
    {                                                                                                     \
        K_BROADCAST(np)                                                                                   \
        const vu lanes = k_iota();                                                                        \
        vf acc[(np) + 1], g[(np) + 1];                                                                    \
        for (unsigned k = 0; k < (np); k++) acc[k] = vset(0);                                             \
        if (out)                                                                                          \
            for (unsigned k = 0; k < (np); k++) out[k] = 0;                                               \
        size_t since = 0;                                                                                 \
        for (size_t i = 0; i < n; i += VW) {                                                              \
            const size_t len = n - i < VW ? n - i : VW;                                                   \
            float b1[VW] = {0}, b2[VW] = {0};                                                             \
            vf v, d;                                                                                      \
            P[r] = name##_draw((vdraw){lanes + (uint32_t)(off + i), key}, P);                             \
            if (len == VW) {                                                                              \
                v = vload(x + i), d = vload(dy + i);                                                      \
            } else {                                                                                      \
                memcpy(b1, x + i, len * sizeof(float));                                                  \
                memcpy(b2, dy + i, len * sizeof(float));                                                 \
                v = vload(b1), d = vload(b2);                                                             \
            }                                                                                             \
            const vf res = vsel(visnan(v), v, d * name##_df(v, P));                                       \
            if (out) {                                                                                    \
                K_DP_ACCUMULATE(name, np)                                                                 \
                K_DP_FLUSH(np)                                                                            \
            }                                                                                             \
            if (len == VW) {                                                                              \
                vstore(dx + i, res);                                                                      \
            } else {                                                                                      \
                vstore(b1, res);                                                                          \
                memcpy(dx + i, b1, len * sizeof(float));                                                 \
            }                                                                                             \
        }                                                                                                 \
        if (out) out[r] = 0; /* a draw, not a parameter */                                                \
    }

#define ACTIV_KERNEL_DRAWN(name, np, r, f_ulp, df_ulp, abs, why)                                         \
    K_DEF_FWD(name, np) K_DEF_BWD(name, np) K_DEF_BWD_Y(name, np) K_DEF_DP(name, np) K_DEF_PV(name, np)   \
    K_DEF_BWD_DP(name, np) K_DEF_DRAWN(name, np, r)                                                       \
    K_EXPORT_D(name, np, name##_bwdy_loop, name##_dp_loop, 1, 1, f_ulp, df_ulp, abs, why)

#endif
