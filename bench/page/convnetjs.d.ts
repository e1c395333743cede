/** The small part of ConvNetJS 0.3.0 (CommonJS, untyped) that the bench uses. */
declare module 'convnetjs' {
  export interface LayerDef {
    type: 'input' | 'conv' | 'pool' | 'lrn' | 'dropout' | 'fc' | 'softmax' | 'relu' | 'tanh' | 'sigmoid';
    [option: string]: unknown;
  }
  export class Vol {
    constructor(sx: number, sy: number, depth: number, c?: number);
    sx: number;
    sy: number;
    depth: number;
    w: Float64Array;
    dw: Float64Array;
  }
  export interface Layer {
    layer_type: string;
    out_sx: number;
    out_sy: number;
    out_depth: number;
  }
  export class Net {
    layers: Layer[];
    makeLayers(defs: LayerDef[]): void;
    forward(v: Vol, isTraining?: boolean): Vol;
    getPrediction(): number;
  }
  export interface TrainerOptions {
    method?: 'sgd' | 'adadelta' | 'adagrad' | 'windowgrad';
    learning_rate?: number;
    momentum?: number;
    batch_size?: number;
    l2_decay?: number;
    ro?: number;
    eps?: number;
  }
  export class Trainer {
    constructor(net: Net, options?: TrainerOptions);
    train(x: Vol, y: number): { loss: number; cost_loss: number; fwd_time: number; bwd_time: number };
  }
  const convnetjs: { Vol: typeof Vol; Net: typeof Net; Trainer: typeof Trainer; SGDTrainer: typeof Trainer };
  export default convnetjs;
}
