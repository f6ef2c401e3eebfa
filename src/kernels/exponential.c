/*
 * e^x and its derivative e^x: the vector layer's exp (SLEEF expf u10),
 * tested here against the double reference over the whole float range.
 * (See vec.h on why exp is SLEEF's rather than inline.)
 */
#include "kernel.h"

V_INLINE vf exponential_f(vf x, const vf *P)
{
    (void)P;
    return vexp(x);
}
#define exponential_df exponential_f
V_INLINE vf exponential_dy(vf y, const vf *P)
{
    (void)P;
    return y;
}
ACTIV_KERNEL_Y(exponential, 0, 1, 1, 0, NULL)
