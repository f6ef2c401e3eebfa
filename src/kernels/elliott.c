/*
 * Elliott (the survey's): 0.5x/(1 + |x|) + 0.5, computed as the double code
 * does without cancellation: 1 - 0.5/(1 + x) for x >= 0, 0.5/(1 - x)
 * otherwise (+-inf give 1 and 0).  f' = 0.5 r^2 with r = 1/(1 + |x|) (r^2,
 * not 1/u^2, which would overflow while f' is still a normal float).  From
 * the output: 2 min(y, 1 - y)^2 (1 - y exact for y >= 1/2).
 * Error (measured): f 1.48 ULP (x ~ -3), f' 3.42 (small |x|, the rounding of
 * 1 + |x| doubled by the square), from the output 0.5; declared 2 and 3.5.
 */
#include "kernel.h"

V_INLINE vf elliott_f(vf x, const vf *P)
{
    (void)P;
    return vsel(x >= 0, 1.0f - 0.5f / (1.0f + x), 0.5f / (1.0f - x));
}
V_INLINE vf elliott_df(vf x, const vf *P)
{
    (void)P;
    vf r = 1.0f / (1.0f + vabs(x));
    return 0.5f * r * r;
}
V_INLINE vf elliott_dy(vf y, const vf *P)
{
    (void)P;
    vf m = vmin(y, 1.0f - y);
    return 2.0f * m * m;
}
ACTIV_KERNEL_Y(elliott, 0, 2, 3.5f, 0, NULL)
