/*
 * Sparse plus: 0 for x <= -1, (x + 1)^2/4 for -1 < x < 1, x for x >= 1.
 * The middle piece as t t 0.25, t = x + 1 (0.25 is exact): two roundings.
 * f' = 0, (x + 1)/2 (one rounding), 1; from the output f' = sqrt(y) for
 * y < 1, else 1 (correctly rounded).
 * Error (tests/test_kernels.c): f <= 2 ULP per unit of condition (1.9
 * measured: the rounding of t counts twice), f' <= 0.5, from y 0.35.
 */
#include "kernel.h"

V_INLINE vf sparse_plus_f(vf x, const vf *P)
{
    (void)P;
    vf t = x + 1.0f;
    vf mid = t * t * 0.25f;
    return vsel(x >= 1, x, vsel(x > -1, mid, vset(0)));
}
V_INLINE vf sparse_plus_df(vf x, const vf *P)
{
    (void)P;
    return vsel(x >= 1, vset(1), vsel(x > -1, (x + 1.0f) * 0.5f, vset(0)));
}
V_INLINE vf sparse_plus_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y < 1, vsqrt(vmax(y, vset(0))), vset(1));
}
ACTIV_KERNEL_Y(sparse_plus, 0, 2, 0.5f, 0, NULL)
