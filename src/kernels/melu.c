/*
 * MeLU: x for x > 0, a*x otherwise, plus sum_j c_j*max(L_j - |x - A_j|, 0)
 * over the four fixed hats (A, L) = (2,2), (1,1), (3,1), (0.5,0.5).
 * f' = 1 or a, plus c_j on each hat's rising side (A - L, A] and -c_j on
 * its falling side (A, A + L] (left derivatives at every kink, as the
 * scalar).  Evaluated in double per lane: each hat value (x - (A - L) or
 * (A + L) - x) and each product with a float weight are exact there, so
 * the only roundings are the double sum's (2^-53 relative to the terms)
 * and the final one to float.  d/da = x for x <= 0, d/dc_j = hat j (float).
 * For |x| >= 8 (no hats) f is x or a*x in float (0 for a = 0, so that
 * -inf gives the scalar's 0), one rounding.  Measured (all three ISAs,
 * default and random parameters): 0.5 ULP for f and f' (bound 0.51: the
 * double rounding adds at most 2^-29 ULP).
 */
#include "kernel.h"

typedef double melu_vd __attribute__((vector_size(VW * 8)));
#define melu_d(v) __builtin_convertvector((v), melu_vd)
#define MELU_ONE(m) melu_d(vsel((m), vset(1), vset(0)))

/* hat j of (A, L) at x (float lanes), as 0/1 masks and the double value: a macro (double
   vectors are not passed to functions, whose ABI would differ between the builds) */
#define MELU_HAT(xh, A, L)                                                                                \
    (MELU_ONE(((xh) > (A) - (L)) & ((xh) < (A) + (L))) *                                                  \
     (MELU_ONE((xh) < (A)) * (melu_d(xh) - ((A) - (L))) + MELU_ONE((xh) >= (A)) * (((A) + (L)) - melu_d(xh))))
#define MELU_SLOPE(xh, A, L)                                                                              \
    (MELU_ONE(((xh) > (A) - (L)) & ((xh) <= (A))) - MELU_ONE(((xh) > (A)) & ((xh) <= (A) + (L))))

V_INLINE vf melu_f(vf x, const vf *P)
{
    vf xh = vmax(vmin(x, vset(5)), vset(-1)); /* the hats live on (0, 4) */
    melu_vd s = melu_d(P[1]) * MELU_HAT(xh, 2.0f, 2.0f) + melu_d(P[2]) * MELU_HAT(xh, 1.0f, 1.0f) +
                melu_d(P[3]) * MELU_HAT(xh, 3.0f, 1.0f) + melu_d(P[4]) * MELU_HAT(xh, 0.5f, 0.5f);
    vf lin = vsel(x > 0, x, vsel(P[0] == 0, vset(0), P[0] * x));
    melu_vd t = s + melu_d(vsel(vabs(x) < 8, x, vset(0))) * melu_d(vsel(x > 0, vset(1), P[0]));
    return vsel(vabs(x) < 8, __builtin_convertvector(t, vf), lin);
}
V_INLINE vf melu_df(vf x, const vf *P)
{
    vf xh = vmax(vmin(x, vset(5)), vset(-1));
    melu_vd s = melu_d(vsel(x > 0, vset(1), P[0])) + melu_d(P[1]) * MELU_SLOPE(xh, 2.0f, 2.0f) +
                melu_d(P[2]) * MELU_SLOPE(xh, 1.0f, 1.0f) + melu_d(P[3]) * MELU_SLOPE(xh, 3.0f, 1.0f) +
                melu_d(P[4]) * MELU_SLOPE(xh, 0.5f, 0.5f);
    return __builtin_convertvector(s, vf);
}
V_INLINE void melu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    vf xh = vmax(vmin(x, vset(5)), vset(-1));
    g[0] = vsel(x > 0, vset(0), x);
    g[1] = __builtin_convertvector(MELU_HAT(xh, 2.0f, 2.0f), vf);
    g[2] = __builtin_convertvector(MELU_HAT(xh, 1.0f, 1.0f), vf);
    g[3] = __builtin_convertvector(MELU_HAT(xh, 3.0f, 1.0f), vf);
    g[4] = __builtin_convertvector(MELU_HAT(xh, 0.5f, 0.5f), vf);
}
ACTIV_KERNEL_P(melu, 5, 0.51f, 0.51f, 0, NULL)
