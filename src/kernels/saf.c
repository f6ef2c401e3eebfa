/*
 * SAF: Catmull-Rom spline through q_0..q_10 at the knots -2 + 0.4 i, with
 * the phantom points q_{-1} = 2 q_0 - q_1, q_11 = 2 q_10 - q_9, and the end
 * lines q_0 + s (q_1 - q_0), q_10 + t (q_10 - q_9) outside [-2, 2] (s = 2.5 x
 * + 5, t = 2.5 x - 5).
 * The span and its four control points are found in float, all lanes at
 * once: i = floor(2.5 x + 5) as a count of the masks s >= k, and q_{i-1+j}
 * by a chain of selects on them (the parameters may differ per lane in the
 * per-channel loops, so no table permute).  It was a per-lane floor and
 * gather in double (11 ns per element).  The sum is then formed in double,
 * rounded once: in float the Catmull-Rom weights lose a few ULP each, and
 * where f or f' is small against the differences of the q (an extremum of
 * f' between knots at the second random set: 15x) that was 15-80 ULP, with
 * the condition number in x near 1.  In double: u = 2.5 x + 5 - i and v =
 * i - 4 - 2.5 x (exact: not 1 - u, so that v = -2.5 x in span 4), the
 * differences a = q_i - q_(i-1), b, c (exact; the phantom points' a = q_1 -
 * q_0 in span 0, c = q_10 - q_9 in span 9), and
 *   f  = q_i + u [b + v/2 (v a + (1 - 2v) b - u c)]   right of 0,
 *        q_(i+1) - v [b + u/2 (u c + (1 - 2u) b - v a)]   left of 0,
 *   f' = 2.5 [v (3v - 2)/2 a + (1/2 + 3uv) b + u (3u - 2)/2 c],
 * the catalog's weights with their sums (1 and 0) taken out, f from the knot
 * nearer 0 so that it keeps its relative accuracy next to x = 0.  The span
 * at the knot 0 goes by the sign of x (2.5 x + 5 rounds up to 5 for x down
 * to -2^-23, and f'' jumps there).  At x = +-inf f is the end line's limit
 * (its base when the slope is 0), as the scalar.  The parameter gradients
 * (sums only) are the four weights in float.
 * Measured (all three ISAs, default and random control points, densities
 * 0.25, 1, 1.7): 0.5 ULP for f and f' (bound 0.6: the double roundings).
 */
#include "kernel.h"

typedef double saf_vd __attribute__((vector_size(VW * 8)));
typedef int64_t saf_vdm __attribute__((vector_size(VW * 8)));
#define saf_d(v) __builtin_convertvector((v), saf_vd)
#define saf_dsel(m, a, b) ((saf_vd)((__builtin_convertvector((m), saf_vdm) & (saf_vdm)(a)) | \
                                    (~__builtin_convertvector((m), saf_vdm) & (saf_vdm)(b))))

/* x clamped to [-2, 2], its span index i in 0..9 (as a float) and the lane masks "i >= k", k =
   1..9 (ge[k]), from s = 2.5 x + 5 rounded (a rounding to a knot moves x to the neighbouring
   span's cubic, which meets it with the same value and slope), but at the knot 0 by the sign of
   x: s rounds up to 5 for x down to -2^-23, where f'' jumps */
V_INLINE vf saf_span(vf x, vm *ge, vf *i)
{
    vf xc = vmax(vset(-2), vmin(x, vset(2)));
    vf s = vfma(vset(2.5f), xc, vset(5));
    *i = vset(0);
    _Pragma("GCC unroll 16") for (int k = 1; k < 10; k++) {
        ge[k] = k == 5 ? xc >= 0 : s >= (float)k;
        *i = vsel(ge[k], vset((float)k), *i);
    }
    return xc;
}
/* chain[k] for the lane's span i = k */
V_INLINE vf saf_pick(const vm *ge, const vf *chain)
{
    vf g = chain[0];
    _Pragma("GCC unroll 16") for (int k = 1; k < 10; k++) g = vsel(ge[k], chain[k], g);
    return g;
}
/* In double, for the lane's span: u = 2.5 x + 5 - i and v = i - 4 - 2.5 x (both exact), the
   differences a = q_i - q_(i-1), b = q_(i+1) - q_i, c = q_(i+2) - q_(i+1) (exact; the phantom
   points' a = q_1 - q_0 in span 0 and c = q_10 - q_9 in span 9), and q_i, q_(i+1) */
typedef struct {
    saf_vd u, v, a, b, c, q1, q2;
    vm left; /* x < 0: spans 0..4 */
} saf_lane;
V_INLINE void saf_lane_of(vf x, const vf *P, saf_lane *L)
{
    vm ge[10];
    vf i, xc = saf_span(x, ge, &i), G[4];
    _Pragma("GCC unroll 16") for (int j = 0; j < 4; j++) {
        vf T[10];
        _Pragma("GCC unroll 16") for (int k = 0; k < 10; k++) T[k] = P[k - 1 + j < 0 ? 0 : k - 1 + j > 10 ? 10 : k - 1 + j];
        G[j] = saf_pick(ge, T); /* q_(i-1+j), q_0 and q_10 in place of the phantom points */
    }
    vm first = ~ge[1], last = ge[9];
    saf_vd p = 2.5 * saf_d(xc), id = saf_d(i);
    L->u = p + (5.0 - id);
    L->v = (id - 4.0) - p;
    L->a = saf_d(vsel(first, G[2], G[1])) - saf_d(G[0]);
    L->b = saf_d(G[2]) - saf_d(G[1]);
    L->c = saf_d(G[3]) - saf_d(vsel(last, G[1], G[2]));
    L->q1 = saf_d(G[1]), L->q2 = saf_d(G[2]);
    L->left = ~ge[5];
}
/* f = q_i + u [b + v/2 (v a + (1 - 2v) b - u c)] right of 0, and its mirror image q_(i+1) - v [b +
   u/2 (u c + (1 - 2u) b - v a)] left of it: the Catmull-Rom sum with the weights' sum (1) taken
   out, from the knot nearer 0, so that f keeps its relative accuracy next to x = 0 */
V_INLINE vf saf_inner(vf x, const vf *P)
{
    saf_lane L;
    saf_lane_of(x, P, &L);
    saf_vd t = saf_dsel(L.left, L.v, L.u), t2 = saf_dsel(L.left, L.u, L.v);
    saf_vd A = saf_dsel(L.left, L.c, L.a), C = saf_dsel(L.left, L.a, L.c);
    saf_vd r = L.b + 0.5 * t2 * (t2 * A + (1.0 - 2.0 * t2) * L.b - t * C);
    saf_vd base = saf_dsel(L.left, L.q2, L.q1), st = saf_dsel(L.left, -L.v, L.u);
    return __builtin_convertvector(base + st * r, vf);
}
/* f' = 2.5 [v (3v - 2)/2 a + (1/2 + 3uv) b + u (3u - 2)/2 c]: the weights' sum (0) taken out */
V_INLINE vf saf_inner_df(vf x, const vf *P)
{
    saf_lane L;
    saf_lane_of(x, P, &L);
    saf_vd s = (0.5 * L.v) * (3.0 * L.v - 2.0) * L.a + (0.5 + 3.0 * (L.u * L.v)) * L.b +
               (0.5 * L.u) * (3.0 * L.u - 2.0) * L.c;
    return __builtin_convertvector(2.5 * s, vf);
}
V_INLINE vf saf_f(vf x, const vf *P)
{
    vm left = x < -2, right = x > 2, inf = vabs(x) == __builtin_inff();
    vf inner = saf_inner(x, P);
    vf base = vsel(right, P[10], P[0]), dq = vsel(right, P[9], P[1]) - base; /* q_1 - q_0 or q_9 - q_10 */
    vf c = vsel(right, vset(-2.5f), vset(2.5f));
    /* base + s dq, s = 1 - the weight of the base, in double (s dq exact), rounded once */
    saf_vd sd = saf_d(c) * saf_d(vsel(inf, vset(0), x)) + 5.0;
    vf line = __builtin_convertvector(saf_d(base) + sd * saf_d(dq), vf), slope = dq * c;
    line = vsel(inf, vsel(slope == 0, base, slope * x), line);
    return vsel(left | right, line, inner);
}
V_INLINE vf saf_df(vf x, const vf *P)
{
    vm left = x < -2, right = x > 2;
    vf inner = saf_inner_df(x, P);
    vf end = 2.5f * (vsel(right, P[10], P[1]) - vsel(right, P[9], P[0]));
    return vsel(left | right, end, inner);
}
/* the parameter gradients in float (only their sums are used): the four Catmull-Rom weights */
V_INLINE void saf_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    vm ge[10];
    vf i, xc = saf_span(x, ge, &i);
    vf u = vfma(vset(2.5f), xc, 5.0f - i), v = vfma(vset(-2.5f), xc, i - 4.0f), w[4];
    w[0] = -0.5f * (u * (v * v));
    w[1] = (0.5f * v) * vfma(u, vfma(vset(-3), u, vset(2)), vset(2));
    w[2] = (0.5f * u) * vfma(v, vfma(vset(-3), v, vset(2)), vset(2));
    w[3] = -0.5f * ((u * u) * v);
    /* lane in span i gives w_j to q_{i-1+j}: q_k takes w_j where i = k + 1 - j */
    vm eq[10];
    eq[0] = ~ge[1], eq[9] = ge[9];
    _Pragma("GCC unroll 16") for (int k = 1; k < 9; k++) eq[k] = ge[k] & ~ge[k + 1];
    _Pragma("GCC unroll 16") for (int k = 0; k < 11; k++) {
        vf a = vset(0);
        _Pragma("GCC unroll 16") for (int j = 0; j < 4; j++) {
            int i = k + 1 - j;
            if (i >= 0 && i <= 9) a = vsel(eq[i], w[j], a);
        }
        g[k] = a;
    }
    /* the phantom points: q_{-1} = 2 q_0 - q_1 (span 0, j = 0), q_11 = 2 q_10 - q_9 (span 9, j = 3) */
    g[0] = vsel(eq[0], vfma(vset(2), w[0], g[0]), g[0]);
    g[1] = vsel(eq[0], g[1] - w[0], g[1]);
    g[10] = vsel(eq[9], vfma(vset(2), w[3], g[10]), g[10]);
    g[9] = vsel(eq[9], g[9] - w[3], g[9]);
    vm left = x < -2, right = x > 2;
    vf s = 2.5f * vsel(left | right, x, vset(0));
    _Pragma("GCC unroll 16") for (int k = 0; k < 11; k++) g[k] = vsel(left | right, vset(0), g[k]);
    g[0] = vsel(left, -s - 4.0f, g[0]);
    g[1] = vsel(left, s + 5.0f, g[1]);
    g[10] = vsel(right, s - 4.0f, g[10]);
    g[9] = vsel(right, 5.0f - s, g[9]);
}
ACTIV_KERNEL_P(saf, 11, 0.6f, 0.6f, 0, NULL)
