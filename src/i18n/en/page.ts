/** The page around the panels: header, language switch, notices, footer. `<en>` marks names and a title kept in English. */
export const page = {
  title: 'AlexNet Playground',
  tagline: 'Train the network that started deep learning’s ImageNet moment, live in your browser.',
  language: 'Language',
  dataNote: '{{train}} training, {{validation}} validation and {{test}} test images.',
  urlNotice: 'Some settings in the link could not be used:',
  panels: 'More about the network and its runs',
  dismiss: 'Dismiss',
  fixSettings_one: 'Fix the setting marked in red first.',
  fixSettings_other: 'Fix the {{count}} settings marked in red first.',
  footer:
    'Data: MNIST (<en>Yann LeCun</en>, <en>Corinna Cortes</en> and <en>Christopher J.C. Burges</en>; CC BY-SA 3.0) and Fashion-MNIST (<en>Han Xiao</en>, <en>Kashif Rasul</en> and <en>Roland Vollgraf</en>, <en>Zalando Research</en>; MIT licence), shipped with the page. Network after <en>Krizhevsky</en>, <en>Sutskever</en> & <en>Hinton</en>, <en>“ImageNet Classification with Deep Convolutional Neural Networks”</en>, NIPS 2012. Code: MIT licence.',
};
