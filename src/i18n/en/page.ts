/** The page around the panels: header, language switch, notices, footer. `<en>` marks names and a title kept in English. */
export const page = {
  title: 'AlexNet Playground',
  tagline: 'Train the network that started deep learning’s ImageNet moment, live in your browser.',
  language: 'Language',
  dataNote: '{{train}} training, {{validation}} validation and {{test}} test images.',
  urlNotice: 'Some settings in the link could not be used:',
  dismiss: 'Dismiss',
  fixSettings_one: 'Fix the setting marked in red first.',
  fixSettings_other: 'Fix the {{count}} settings marked in red first.',
  footer:
    'Data: MNIST (<en>Yann LeCun, Corinna Cortes and Christopher J.C. Burges</en>; CC BY-SA 3.0) and Fashion-MNIST (<en>Han Xiao, Kashif Rasul and Roland Vollgraf, Zalando Research</en>; MIT licence), shipped with the page. Network after <en>Krizhevsky, Sutskever & Hinton, “ImageNet Classification with Deep Convolutional Neural Networks”, NIPS 2012</en>. Code: MIT licence.',
};
