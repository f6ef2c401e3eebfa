/*
 * SAF: Catmull-Rom spline through q_0..q_10 at the knots -2 + 0.4 i, with
 * the phantom points q_{-1} = 2 q_0 - q_1, q_11 = 2 q_10 - q_9, and the end
 * lines q_0 + s (q_1 - q_0), q_10 + t (q_10 - q_9) outside [-2, 2] (s = 2.5 x
 * + 5, t = 2.5 x - 5).  Inside, span i = floor(s), u = 2.5 x + (5 - i)
 * and v = (i - 4) - 2.5 x (2.5 x is exact in double, so u in span 5 and v
 * in span 4 are exact and f keeps its relative accuracy at x near 0), and the weights
 * -u v^2/2, v (2 + 2u - 3u^2)/2, u (2 + 2v - 3v^2)/2, -u^2 v/2 on q_{i-1..i+2}
 * (d/du: -v (1 - 3u)/2, u (9u - 10)/2, v (10 - 9v)/2, u (3u - 2)/2, times
 * 2.5 for f'), the factored forms of the catalog.  Everything in double per
 * lane (the catalog uses double-double), rounded to float once; the double
 * roundings (2^-53 relative to the terms) matter only next to a zero of f or
 * f', where the test scales by the condition number.  At x = +-inf f is the
 * end line's limit (its base when the slope is 0), as the scalar.
 * Measured (all three ISAs, default and random control points, densities
 * 0.25, 1, 1.7): 0.5 ULP for f and f' (bound 0.6).
 */
#include "kernel.h"

typedef double saf_vd __attribute__((vector_size(VW * 8)));
#define saf_d(v) __builtin_convertvector((v), saf_vd)
#define saf_f32(v) __builtin_convertvector((v), vf)

/* the span index (0..9) and u of x in [-2, 2] (other lanes: anything in range) */
V_INLINE void saf_span(vf x, int *idx, saf_vd *u, saf_vd *v)
{
    saf_vd xd = saf_d(vmax(vmin(x, vset(2)), vset(-2))), p = 2.5 * xd;
    for (int l = 0; l < VW; l++) {
        double s = p[l] + 5.0, fl = __builtin_floor(s);
        if (fl == s && p[l] + (5.0 - fl) < 0) fl -= 1; /* s rounded up to a knot */
        int i = (int)fl;
        i = i < 0 ? 0 : i > 9 ? 9 : i;
        idx[l] = i;
        (*u)[l] = p[l] + (5.0 - i);
        (*v)[l] = (i - 4.0) - p[l]; /* not 1 - u: exact at a zero next to x = 0 from the left */
    }
}
/* the four weights (f: d = 0; d/du: d = 1) */
V_INLINE void saf_w(const saf_vd *u, const saf_vd *v, int d, saf_vd *w)
{
    saf_vd U = *u, V = *v;
    if (!d) {
        w[0] = -0.5 * (U * V * V);
        w[1] = 0.5 * (V * (2.0 + 2.0 * U - 3.0 * U * U));
        w[2] = 0.5 * (U * (2.0 + 2.0 * V - 3.0 * V * V));
        w[3] = -0.5 * (U * U * V);
    } else {
        w[0] = -0.5 * (V * (1.0 - 3.0 * U));
        w[1] = 0.5 * (U * (9.0 * U - 10.0));
        w[2] = 0.5 * (V * (10.0 - 9.0 * V));
        w[3] = 0.5 * (U * (3.0 * U - 2.0));
    }
}
/* sum_j w_j q_{i-1+j} per lane, with the phantom points */
V_INLINE vf saf_dot(vf x, const vf *P, int d)
{
    int idx[VW];
    saf_vd u, v, w[4], q[13];
    saf_span(x, idx, &u, &v);
    saf_w(&u, &v, d, w);
    for (int k = 0; k < 11; k++) q[k + 1] = saf_d(P[k]);
    q[0] = 2.0 * q[1] - q[2];
    q[12] = 2.0 * q[11] - q[10];
    saf_vd s;
    for (int l = 0; l < VW; l++) {
        int i = idx[l];
        s[l] = w[0][l] * q[i][l] + w[1][l] * q[i + 1][l] + w[2][l] * q[i + 2][l] + w[3][l] * q[i + 3][l];
    }
    return saf_f32(d ? 2.5 * s : s);
}
V_INLINE vf saf_f(vf x, const vf *P)
{
    vm left = x < -2, right = x > 2;
    vf inner = saf_dot(x, P, 0);
    vf base = vsel(right, P[10], P[0]), other = vsel(right, P[9], P[1]);
    saf_vd dq = saf_d(other) - saf_d(base); /* q_1 - q_0 (left) or q_9 - q_10 (right) */
    saf_vd xe = saf_d(vsel(vabs(x) == __builtin_inff(), vset(0), x));
    saf_vd s = saf_d(vsel(right, vset(-2.5f), vset(2.5f))) * xe + 5.0; /* 1 - weight of the base */
    vf line = saf_f32(saf_d(base) + s * dq);
    vf slope = saf_f32(dq * saf_d(vsel(right, vset(-2.5f), vset(2.5f))));
    vm inf = vabs(x) == __builtin_inff();
    line = vsel(inf, vsel(slope == 0, base, slope * x), line);
    return vsel(left | right, line, inner);
}
V_INLINE vf saf_df(vf x, const vf *P)
{
    vm left = x < -2, right = x > 2;
    vf inner = saf_dot(x, P, 1);
    vf end = saf_f32(2.5 * (saf_d(vsel(right, P[10], P[1])) - saf_d(vsel(right, P[9], P[0]))));
    return vsel(left | right, end, inner);
}
V_INLINE void saf_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    int idx[VW];
    saf_vd u, v, w[4], G[11];
    saf_span(x, idx, &u, &v);
    saf_w(&u, &v, 0, w);
    for (int k = 0; k < 11; k++) G[k] = (saf_vd){0};
    for (int l = 0; l < VW; l++) {
        int i = idx[l];
        for (int j = 0; j < 4; j++) {
            int k = i - 1 + j;
            if (k < 0) G[0][l] += 2.0 * w[j][l], G[1][l] -= w[j][l];
            else if (k > 10) G[10][l] += 2.0 * w[j][l], G[9][l] -= w[j][l];
            else G[k][l] += w[j][l];
        }
    }
    vm left = x < -2, right = x > 2;
    saf_vd s = 2.5 * saf_d(vsel(left | right, x, vset(0)));
    for (int k = 0; k < 11; k++) g[k] = vsel(left | right, vset(0), saf_f32(G[k]));
    g[0] = vsel(left, saf_f32(-s - 4.0), g[0]);
    g[1] = vsel(left, saf_f32(s + 5.0), g[1]);
    g[10] = vsel(right, saf_f32(s - 4.0), g[10]);
    g[9] = vsel(right, saf_f32(5.0 - s), g[9]);
}
ACTIV_KERNEL_P(saf, 11, 0.6f, 0.6f, 0, NULL)
