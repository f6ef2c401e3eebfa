/*
 * ReLU: max(0, x); f' = 1[x > 0] (PyTorch's f'(0) = 0).
 * Exact: one compare and select per lane, no rounding at all.
 */
#include "kernel.h"

V_INLINE vf relu_f(vf x, const vf *P)
{
    (void)P;
    return vsel(x > 0, x, vset(0));
}
V_INLINE vf relu_df(vf x, const vf *P)
{
    (void)P;
    return vsel(x > 0, vset(1), vset(0));
}
V_INLINE vf relu_dy(vf y, const vf *P)
{
    (void)P;
    return vsel(y > 0, vset(1), vset(0));
}

ACTIV_KERNEL_Y(relu, 0, 0, 0, 0, NULL)

/* ReGLU's gate and DualReLU's halves are this ReLU (the layer multiplies or subtracts): the same lanes,
   tested against each entry's own scalar */
#define reglu_f relu_f
#define reglu_df relu_df
#define reglu_dy relu_dy
ACTIV_KERNEL_Y(reglu, 0, 0, 0, 0, NULL)
#define dual_relu_f relu_f
#define dual_relu_df relu_df
#define dual_relu_dy relu_dy
ACTIV_KERNEL_Y(dual_relu, 0, 0, 0, 0, NULL)
