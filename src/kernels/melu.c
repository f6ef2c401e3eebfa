/*
 * MeLU: x for x > 0, a*x otherwise, plus sum_j c_j*max(L_j - |x - A_j|, 0)
 * over the four fixed hats (A, L) = (2,2), (1,1), (3,1), (0.5,0.5).
 * f' = 1 or a, plus c_j on each hat's rising side (A - L, A] and -c_j on
 * its falling side (A, A + L] (left derivatives at every kink, as the
 * scalar).  In float: each hat value, x - (A - L) or (A + L) - x, is exact
 * where it is positive (Sterbenz), so f is a dot product of exact hats with
 * float weights plus the linear part, and f' a sum of floats.  Their terms
 * may cancel (f is piecewise linear, its offsets on a segment are sums of
 * +-c_j A_j that the test's condition number in x does not see), so both
 * are summed compensated (Ogita-Rump-Oishi Dot2/Sum2: each product's error
 * from an FMA, each sum's from TwoSum, the errors added once at the end):
 * as if in twice float's precision, then rounded (it was double per lane).
 * d/da = x for x <= 0, d/dc_j = hat j (exact).  For |x| >= 8 (no hats) f is
 * x or a*x, one rounding (0 for a = 0, so that -inf gives the scalar's 0).
 * Measured (all three ISAs, default and random parameters, densities 0.25,
 * 1, 1.7): 0.5 ULP for f and f' (bound 0.58; a subnormal f, where a
 * product's low part is lost, is within the test's 2^-130 floor).
 */
#include "kernel.h"

/* s + t = a + b exactly (TwoSum: no ordering of |a|, |b| needed) */
V_INLINE void melu_two_sum(vf a, vf b, vf *s, vf *t)
{
    vf sum = a + b, bb = sum - a;
    *s = sum;
    *t = (a - (sum - bb)) + (b - bb);
}
/* hat j of (A, L) at x: exact where positive, 0 outside (also at +-inf) */
V_INLINE vf melu_hat(vf x, float A, float L)
{
    return vmax(vsel(x < A, x - (A - L), (A + L) - x), vset(0));
}
/* the hat's slope: 1 on the rising side (A - L, A], -1 on the falling side (A, A + L], else 0 */
V_INLINE vf melu_slope(vf x, float A, float L)
{
    return vsel((x > A - L) & (x <= A), vset(1), vsel((x > A) & (x <= A + L), vset(-1), vset(0)));
}
/* (s, e) += c h, the product's error from an FMA and the sum's from TwoSum going into e */
V_INLINE void melu_dot_step(vf c, vf h, vf *s, vf *e)
{
    vf p = c * h, t;
    melu_two_sum(*s, p, s, &t);
    *e += vprod_lo(c, h, p) + t;
}
/* (s, e) += c (one Sum2 step) */
V_INLINE void melu_sum_step(vf c, vf *s, vf *e)
{
    vf t;
    melu_two_sum(*s, c, s, &t);
    *e += t;
}

V_INLINE vf melu_f(vf x, const vf *P)
{
    vf lin = vsel(x > 0, x, vsel(P[0] == 0, vset(0), P[0] * x));
    vm near = vabs(x) < 8;
    vf xn = vsel(near, x, vset(0)), s = vsel(near, lin, vset(0));
    vf e = vsel(x > 0, vset(0), vprod_lo(P[0], xn, s));
    melu_dot_step(P[1], melu_hat(xn, 2, 2), &s, &e);
    melu_dot_step(P[2], melu_hat(xn, 1, 1), &s, &e);
    melu_dot_step(P[3], melu_hat(xn, 3, 1), &s, &e);
    melu_dot_step(P[4], melu_hat(xn, 0.5f, 0.5f), &s, &e);
    return vsel(near, s + e, lin);
}
V_INLINE vf melu_df(vf x, const vf *P)
{
    vf s = vsel(x > 0, vset(1), P[0]), e = vset(0);
    melu_sum_step(melu_slope(x, 2, 2) * P[1], &s, &e);
    melu_sum_step(melu_slope(x, 1, 1) * P[2], &s, &e);
    melu_sum_step(melu_slope(x, 3, 1) * P[3], &s, &e);
    melu_sum_step(melu_slope(x, 0.5f, 0.5f) * P[4], &s, &e);
    return s + e;
}
V_INLINE void melu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = vsel(x > 0, vset(0), x);
    g[1] = melu_hat(x, 2, 2), g[2] = melu_hat(x, 1, 1), g[3] = melu_hat(x, 3, 1), g[4] = melu_hat(x, 0.5f, 0.5f);
}
ACTIV_KERNEL_P(melu, 5, 0.58f, 0.58f, 0, NULL)
