/**
 * The lessons panel: each lesson's text, its prediction, what to watch and what it measured (src/app/lessons.ts).
 * Figures come from the committed measurement file through {{slots}}; none is typed here.
 */
export const lessons = {
  title: 'Lessons',
  intro: 'Short experiments. Predict first, then train: the answer and what this network measured appear when the runs have finished.',
  progress: '{{done}} of {{total}} done',
  list: 'Lessons',
  number: 'Lesson {{n}}',
  time: '{{time}} on a 2-core computer without a GPU (measured in Node.js, WASM on one thread; the page trains on every core).',
  predictTitle: 'Predict first',
  train: 'Load settings and train',
  trainCompare: 'Load settings and train both runs',
  trainBlocked: 'Wait for the current training to finish.',
  watchTitle: 'While it trains',
  measuredTitle: 'What this network measured',
  hiddenUntilRun: 'The answer and the measurements appear when this lesson’s runs have finished.',
  answer: 'Answer, as measured: <b>{{answer}}</b>.',
  yourPrediction: 'You predicted: {{choice}}.',
  right: 'Right.',
  wrong: 'Not this time.',
  noPrediction: 'You did not predict this time.',
  measuredOn: 'Measured on {{date}} · {{backend}} · {{steps}} · whole lesson {{time}}.',
  stepsPerRun: '{{steps}} steps',
  mayDiffer: 'Your runs may differ a little: other backends round differently.',
  done: 'Done',
  full: 'Full version (for a computer with a GPU)',
  notReached: 'not reached',
  backends: { wasmNode: 'WASM in Node.js, one thread' },
  items: {
    'first-cnn': {
      title: 'A first CNN',
      text: 'The article’s network reads a digit through three convolution blocks (convolution, ReLU, max-pooling, LRN, dropout) and two dense layers, and gives ten scores, one per digit: {{params}} weights in all. Here it trains on {{images}} images, once each, {{batch}} at a time. At every step it measures how wrong it is on the batch (the loss, cross-entropy) and moves every weight a little to lower it (Adam). Accuracy is the share of images it gets right: on the batch it just trained on, on validation images it never trains on, and at the end on the test set. A feature map is one convolution kernel’s answer to an image: a grid that lights up where the kernel’s pattern, an edge or the end of a stroke, appears.',
      predict: {
        question: 'After one pass over {{images}} images, how many test digits will it get right?',
        options: { half: 'Fewer than 70%', most: 'Between 70% and 95%', nearly: '95% or more' },
      },
      watch:
        'The loss falls fast in the first few dozen steps, then slowly. Training accuracy is noisy (one batch at a time); the validation point arrives at the end of the epoch. In Feature maps, the first layer’s kernels answer to edges and strokes, deeper ones to coarser parts.',
      measured:
        'Test accuracy {{test}} after {{steps}} steps (validation {{validation}}; training {{train}} over the last batches). The smoothed training error first fell to 10% at step {{cross10}}.',
    },
    'relu-tanh': {
      title: 'ReLU vs tanh (the paper’s Figure 1)',
      text: 'AlexNet’s Figure 1: a four-layer CNN with ReLUs reached 25% training error on CIFAR-10 six times faster than the same network with tanh. That was CIFAR-10, with the paper’s own network and initialisation and plain SGD, not what you train here: the same small network twice on MNIST with Adam, same seed and data order, only the activation differs. ReLU does not saturate, so its gradients stay large; tanh flattens out for large inputs. Which one is “faster” depends on the error you ask about, so the comparison panel lets you move the threshold.',
      predict: {
        question: 'Which run reaches 25% training error first?',
        options: { relu: 'ReLU', tanh: 'tanh' },
      },
      watch:
        'The comparison panel: the table gives the step at which each run first reached the threshold. When both runs are done, set the threshold to 0.10 and then to 0.05 and see whether the order changes.',
      measured:
        'This small network, first step at 25% training error: ReLU {{relu25}}, tanh {{tanh25}}; at 10%: {{relu10}} and {{tanh10}}; at 5%: {{relu5}} and {{tanh5}}. {{verdict}} Test accuracy: ReLU {{reluTest}}, tanh {{tanhTest}}. The article’s network on {{articleImages}} images (the full version): 25% at step {{article_relu25}} with ReLU and {{article_tanh25}} with tanh; 10% at {{article_relu10}} and {{article_tanh10}}; 5% at {{article_relu5}} and {{article_tanh5}}. {{article_verdict}}',
      verdicts: {
        tanhThenRelu: 'tanh got to 25% first and ReLU to 5%: the order changes with the threshold.',
        reluThenTanh: 'ReLU got to 25% first and tanh to 5%: the order changes with the threshold.',
        tanhAll: 'tanh was first at every threshold on this network.',
        reluAll: 'ReLU was first at every threshold on this network.',
      },
    },
    init: {
      title: 'Initialisation: N(0, 1) against Glorot',
      text: 'Before training, every weight gets a random start. The article drew its weights from a normal distribution with standard deviation 1. A unit adds up many such products, so its output is far larger than its inputs, and again in the next layer: the logits are huge, the softmax is sure of itself and wrong, and the first gradients are enormous. Glorot (Xavier) initialisation scales each layer’s weights by how many inputs and outputs it has, so that signals keep their size through the network. Both runs start from the same seed; only the scale of the weights differs.',
      predict: {
        question: 'What will the N(0, 1) start do?',
        options: {
          same: 'Train as well as Glorot',
          lower: 'Learn, but end clearly lower',
          fails: 'Diverge: the page stops it',
        },
      },
      watch:
        'The first steps of the loss chart: the N(0, 1) run starts far higher. If its loss stops being a number, the page stops the run and says why. At the end, compare the test accuracies.',
      measured:
        'Test accuracy: Glorot {{glorotTest}}, N(0, 1) {{normalTest}}. First step at 25% training error: {{glorot25}} and {{normal25}}. {{verdict}}',
      verdicts: {
        diverged: 'The N(0, 1) run diverged at step {{step}} and the page stopped it.',
        lower: 'N(0, 1) ended {{points}} points lower.',
        same: 'The two ended within a point of each other.',
      },
    },
    rate: {
      title: 'Learning rate: too small, too large',
      text: 'The learning rate sets how far each step moves the weights. Too small, and training crawls: the loss hardly moves in the time you have. Too large, and every step overshoots: the weights and the loss grow until they are no longer numbers (infinity or NaN). This lesson trains SGD with momentum, AlexNet’s optimiser, at {{low}} and at {{high}}: a hundredth of AlexNet’s starting rate, {{rate}}, and 100,000 times it. When a loss stops being a number, the page stops that run and says what to try: that stop is part of the lesson.',
      predict: {
        question: 'Which run will the page stop?',
        options: { low: 'The small rate', high: 'The large rate', neither: 'Neither' },
      },
      watch:
        'The loss chart: the small rate’s curve barely falls. The run list: a run that diverges ends as failed, with the step and the advice.',
      measured: 'The small rate reached {{lowTrain}} training accuracy in {{lowSteps}} steps (test {{lowTest}}). {{verdict}}',
      verdicts: {
        diverged: 'The large rate diverged at step {{step}}, and the page stopped it.',
        stalled: 'The large rate did not diverge, but ended at {{highTrain}} training accuracy.',
      },
    },
    dropout: {
      title: 'Dropout and overfitting',
      text: 'With only {{images}} training images, the same ones in each of {{epochs}} epochs, a network can learn them by heart: training accuracy climbs towards 100% while accuracy on images it has never seen stays behind. That gap is overfitting. Dropout switches off a random share of the units at every step (here {{rate}}), so no unit can count on another being there; AlexNet used 0.5 in its dense layers. The price is slower learning. Compare the gap between training and validation accuracy in the two runs.',
      predict: {
        question: 'Without dropout, will the gap between training and validation accuracy be larger or smaller?',
        options: { larger: 'Larger', smaller: 'Smaller' },
      },
      watch: 'The accuracy chart: each run’s training curve against its validation points, one after each epoch.',
      measured:
        'After {{epochs}} epochs: with dropout, training {{onTrain}} and validation {{onValidation}}; without, training {{offTrain}} and validation {{offValidation}}. Test: {{onTest}} with dropout, {{offTest}} without. Training accuracy is the mean over the last batches, with dropout active where it is on.',
    },
    lrn: {
      title: 'LRN, and why later networks dropped it',
      text: 'Local response normalisation divides each activation by the activity of the same position in neighbouring channels, a kind of lateral inhibition borrowed from neuroscience. The AlexNet paper credits it with 1.4 points of top-1 error on ImageNet. Later networks dropped it: VGG (2014) found it did not help and only cost memory and time, and batch normalisation (2015) did the job of keeping activations in range better. Here the two runs differ only in LRN: compare the accuracy, and the time each step takes.',
      predict: {
        question: 'Will LRN make this network more accurate?',
        options: { better: 'Yes, by a point or more', hardly: 'Hardly: less than a point', worse: 'No, it will be less accurate' },
      },
      watch: 'The images per second of each run in the run list, and the test accuracy at the end.',
      measured: 'Test accuracy {{onTest}} with LRN and {{offTest}} without; a step took {{onMs}} ms with LRN and {{offMs}} ms without.',
    },
    augment: {
      title: 'Augmentation: shifts, noise and flips',
      text: 'Augmentation shows the network a slightly different version of each image every time: here shifted by up to {{shift}} pixels, with pixel noise. It is extra data for free, welcome when there are only {{images}} images. The changes must keep the label true. A shifted digit is still the same digit, but a mirrored 2, 3 or 7 is no digit at all: horizontal flips are wrong for MNIST. A mirrored shoe or shirt is still a shoe or a shirt, so flips suit Fashion-MNIST, as they suited AlexNet’s ImageNet photos.',
      predict: {
        question: 'With {{images}} images, will augmentation raise the validation accuracy?',
        options: { higher: 'Yes', lower: 'No, it will lower it' },
      },
      watch:
        'The augmented run trains on harder images, so its training accuracy is lower. Does it do better on the validation points, the images it never trains on?',
      measured:
        'Validation accuracy {{onValidation}} with augmentation and {{offValidation}} without (test {{onTest}} and {{offTest}}). Flips alone, same settings, on digits: test {{mnistFlipTest}}. {{verdict}} On Fashion-MNIST, {{fashionEpochs}} epochs: test {{fashionFlipTest}} with flips and {{fashionPlainTest}} without. {{fashionVerdict}}',
      verdicts: {
        mnistHelped: 'Flips helped the digits by {{points}} points.',
        mnistHurt: 'Flips cost the digits {{points}} points.',
        mnistSame: 'Flips made no real difference to the digits ({{points}} points).',
        fashionHelped: 'Flips helped the clothes by {{points}} points.',
        fashionHurt: 'Flips cost the clothes {{points}} points.',
        fashionSame: 'Flips made no real difference to the clothes ({{points}} points).',
      },
    },
    pooling: {
      title: 'Overlapping pooling',
      text: 'Max-pooling keeps the largest value in each window. The article uses 2×2 windows moved two pixels at a time, so windows do not overlap. AlexNet used 3×3 windows moved two at a time, so neighbouring windows share a row or a column; the paper reports 0.4 points lower top-1 error on ImageNet and a little less overfitting. Both give the same output size here, so only the pooling differs.',
      predict: {
        question: 'Which pooling will end with the higher validation accuracy?',
        options: { overlap: '3×3, stride 2 (overlapping)', plain: '2×2, stride 2', tie: 'Within half a point of each other' },
      },
      watch: 'The validation points of the two runs, and the time per step in the run list: overlapping windows cost more work.',
      measured:
        'Validation accuracy {{overlapValidation}} overlapping and {{plainValidation}} with 2×2 (test {{overlapTest}} and {{plainTest}}); a step took {{overlapMs}} ms and {{plainMs}} ms.',
    },
    batch: {
      title: 'Where the maths runs: backends and batch size',
      text: 'The line under the page’s title says which backend trains and why: WebGPU or WebGL on a hardware GPU, otherwise WebAssembly (WASM) on every CPU core. Every step has a fixed cost (preparing the batch, starting the kernels, reading the loss back) plus work for each image, so a larger batch spreads that cost and usually gets through more images per second, but takes fewer steps per epoch. This lesson trains batch {{small}} against batch {{large}} on the same images.',
      predict: {
        question: 'Which batch size will get through more images per second?',
        options: { small: 'The small batch', large: 'The large batch' },
      },
      watch:
        'Images per second of each run in the run list. In the comparison, the error is drawn against epochs, so both runs have seen the same images at each point.',
      measured:
        '{{smallRate}} images/s at batch {{small}}, {{midRate}} at batch {{mid}}, {{largeRate}} at batch {{large}}. One epoch took {{smallSteps}} steps at batch {{small}} and {{largeSteps}} at batch {{large}}; test accuracy {{smallTest}} and {{largeTest}}.',
    },
  },
};
