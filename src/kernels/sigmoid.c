/*
 * Logistic sigmoid 1/(1+e^-x), split on the sign so that e^-|x| never
 * overflows; f' = s(x) s(-x), a product of two accurate factors, so the
 * tails keep their relative accuracy (1 - s would cancel).
 * Error: vec.h's vexp (0.8 ULP), one add, one divide: f within 3 ULP per unit
 * of condition (2.3 measured), f' (two more multiplies) within 4 (3.64),
 * tests/test_kernels.c.
 */
#include "kernel.h"

V_INLINE vf sigmoid_f(vf x, const vf *P)
{
    (void)P;
    return vsigmoid(x);
}
V_INLINE vf sigmoid_df(vf x, const vf *P)
{
    (void)P;
    vf e = vexp(-vabs(x));
    vf r = vrcp(1.0f + e);
    return e * r * r; /* s(|x|) s(-|x|) = e / (1+e)^2, symmetric */
}
V_INLINE vf sigmoid_dy(vf y, const vf *P)
{
    (void)P;
    return y * (1.0f - y);
}
ACTIV_KERNEL_Y(sigmoid, 0, 3, 4, 0, NULL)

/* GLU's gate is this sigmoid (the layer multiplies): the same lanes, tested against glu's own scalar */
#define glu_f sigmoid_f
#define glu_df sigmoid_df
#define glu_dy sigmoid_dy
ACTIV_KERNEL_Y(glu, 0, 3, 4, 0, NULL)
