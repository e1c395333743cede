/** What the Worker says about datasets: importing a CIFAR-10 archive or an image folder, and the ones stored. */
export const data = {
  failed: 'The dataset could not be read: {{detail}}',
  archive: {
    notGzip: '{{file}} is not a gzip file. Choose cifar-10-binary.tar.gz, the "binary version" of CIFAR-10.',
    corruptGzip: '{{file}} is damaged or incomplete: its compressed data cannot be unpacked ({{detail}}). Download it again.',
    truncated:
      '{{file}} ends too early: {{entry}} should have {{expected}} bytes but the archive stops after {{got}}. The download is probably incomplete.',
    badHeader: '{{file}} is not a tar archive, or is damaged: the entry at byte {{offset}} is not valid.',
  },
  cifar: {
    wrongSize:
      '{{file}}: {{entry}} has {{got}} bytes, but a CIFAR-10 batch has {{expected}} ({{records}} images of 1 label byte and 3,072 pixel bytes). Is it the binary version of CIFAR-10?',
    unequal:
      '{{file}}: {{entry}} has {{got}} bytes, but {{first}} has {{expected}} ({{records}} images): every batch file of the archive must hold as many images.',
    badLabel: '{{file}}: image {{index}} of {{entry}} has label {{label}}, but CIFAR-10 labels are 0 to 9.',
    missing: '{{file}} lacks {{missing}}. Choose cifar-10-binary.tar.gz, the "binary version" of CIFAR-10.',
  },
  folder: {
    badSize: 'Images can be resized to {{sizes}} pixels, not {{size}}.',
    noImages: 'No images found. The folder needs one sub-folder per class, holding images ({{extensions}}).',
    noClasses:
      'The {{count}} images (e.g. {{example}}) are not in class folders. Put each class in a sub-folder named after it (cats/1.jpg, dogs/2.jpg) and choose the folder above them.',
    emptyClass: 'The class folder "{{name}}" has no images ({{extensions}}). Add some, or remove the folder.',
    classUnreadable: 'None of the images in the class folder "{{name}}" could be read.',
    oneClass: 'There is only one class folder, "{{name}}": a classifier needs at least two classes, one sub-folder each.',
    tooManyClasses: 'There are {{count}} class folders; at most {{max}} can be imported.',
    tooMany: 'The folder has {{count}} images; at most {{max}} can be imported. Choose a smaller folder.',
    tooBig:
      '{{count}} images of {{size}}×{{size}} pixels take {{mb}} MB, more than the {{maxMb}} MB that fit. Choose a smaller size or fewer images.',
    tooFew: 'Too few images to hold any out for validation and testing: a class needs at least 3 images.',
  },
  skip: {
    topLevel: 'not in a class folder',
    notImage: 'not an image file (by its name)',
    unreadable: 'cannot be read as an image ({{detail}})',
  },
  store: {
    unknown: 'This browser has no dataset "{{id}}": it was removed, or imported in another browser. Import it again.',
    quota: 'Not enough storage space in this browser for {{mb}} MB of images ({{detail}}).',
    unavailable: 'This browser cannot store datasets: {{detail}}',
    incomplete: 'The stored dataset "{{id}}" is incomplete. Remove it and import it again.',
  },
  builtin: {
    missing:
      'This server does not have {{dataset}}: it is built with npm run data:cifar -- PATH on the server. You can also import your own copy of cifar-10-binary.tar.gz.',
  },
  importBusy: 'Another import is still running: wait for it to finish.',
  importLost: 'The import ended without an answer from the training Worker. Try again.',
  workerLost: 'The training Worker stopped ({{reason}}), and what it was doing with the datasets with it. Try again.',
  split: {
    cifar:
      'The published split: the first {{train}} training images train the network, the last {{validation}} (the end of data_batch_5) are held out for validation, and the {{test}} images of test_batch are the test set.',
    folder:
      'Each class was split with seed {{seed}}: {{train}} training, {{validation}} validation and {{test}} test images (10% of each class for validation and 10% for test, at least one each from 3 images on).',
  },
};
