/*
 * Squareplus: (x + sqrt(x^2 + b))/2.  With s = sqrt(x^2 + b), f = N/D where
 * N = (x + s)/2, D = 1 for x >= 0 and N = b/4, D = (s - x)/2 for x < 0 (the
 * double code's form: no cancellation), so f and f' = f/s = N/(D s) each
 * take one divide.  s = |x| beyond |x| = 2^62, where b is below half an ULP
 * of x^2 (for b < 2^40) and x^2 would overflow; f' = 1 there for x > 0.
 * df/db = 1/(4s); from the output f' = y^2/(y^2 + b/4) (1 beyond y = 2^62).
 * Error (tests/test_kernels.c): f <= 3 ULP per unit of condition (2.53
 * measured, generic, at random b, near x = 0-), f' <= 5
 * (4.45 measured near x = -0.008 at random b: sqrt, the divides).
 */
#include "kernel.h"

#define SQP_BIG 0x1p62f

V_INLINE vf squareplus_s(vf x, const vf *P)
{
    vf ax = vabs(x);
    return vsel(ax > SQP_BIG, ax, vsqrt(vfma(x, x, P[0])));
}
V_INLINE void squareplus_nd(vf x, vf s, const vf *P, vf *n, vf *d)
{
    vm pos = x >= 0;
    *n = vsel(pos, 0.5f * x + 0.5f * s, 0.25f * P[0]);
    *d = vsel(pos, vset(1), 0.5f * s - 0.5f * x);
}
V_INLINE vf squareplus_f(vf x, const vf *P)
{
    vf n, d;
    squareplus_nd(x, squareplus_s(x, P), P, &n, &d);
    return n / d;
}
V_INLINE vf squareplus_df(vf x, const vf *P)
{
    vf s = squareplus_s(x, P), n, d;
    squareplus_nd(x, s, P, &n, &d);
    return vsel(x > SQP_BIG, vset(1), (n / d) / s);
}
V_INLINE vf squareplus_dy(vf y, const vf *P)
{
    vf t = y * y;
    return vsel(y > SQP_BIG, vset(1), t / vfma(vset(0.25f), P[0], t));
}
V_INLINE void squareplus_dp(vf x, const vf *P, vf *g)
{
    g[0] = 0.25f / squareplus_s(x, P);
}
ACTIV_KERNEL_YP(squareplus, 1, 3, 5, 0, NULL)
