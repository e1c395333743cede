import type { LocaleShape } from '../en';
import type { lessons as en } from '../en/lessons';

/** 课程面板：每节课的说明、预测题、训练时要看什么，以及实测结果（src/app/lessons.ts）。数字都来自已提交的实测文件，通过 {{插槽}} 填入，这里不手写任何数字。 */
export const lessons: LocaleShape<typeof en> = {
  title: '课程',
  intro: '几个简短的实验。先预测，再训练：训练结束后才会显示答案和这个网络的实测结果。',
  progress: '已完成 {{done}}/{{total}}',
  list: '课程列表',
  number: '第 {{n}} 课',
  time: '在没有 GPU 的双核电脑上需要 {{time}}（在 Node.js 中用 WASM 单线程实测；网页会用上所有 CPU 核心）。',
  predictTitle: '先预测',
  train: '载入设置并训练',
  trainCompare: '载入设置，同时训练两个模型',
  trainBlocked: '请等当前训练结束。',
  watchTitle: '训练时看什么',
  measuredTitle: '这个网络的实测结果',
  hiddenUntilRun: '本课的训练全部结束后，才会显示答案和实测结果。',
  answer: '实测答案：<b>{{answer}}</b>。',
  yourPrediction: '你的预测：{{choice}}。',
  right: '答对了。',
  wrong: '这次没猜中。',
  noPrediction: '这次你没有预测。',
  measuredOn: '实测于 {{date}} · {{backend}} · {{steps}} · 整节课用时 {{time}}。',
  stepsPerRun: '{{steps}} 步',
  mayDiffer: '你的结果可能略有不同：不同后端的舍入方式不一样。',
  done: '已完成',
  full: '完整版（适合有 GPU 的电脑）',
  notReached: '未达到',
  backends: { wasmNode: 'Node.js 中的 WASM，单线程' },
  items: {
    'first-cnn': {
      title: '第一个卷积神经网络',
      text: '这是文章中的网络：一张数字图片依次经过三个卷积块（卷积、ReLU、最大池化、局部响应归一化、Dropout）和两个全连接层，最后输出十个分数，每个数字一个，共有 {{params}} 个参数。这里用 {{images}} 张图片训练，每张只看一遍，每批 {{batch}} 张。每一步，网络先算出它在这一批上错得有多厉害（损失，即交叉熵），再把每个权重朝着降低损失的方向挪一点（Adam）。准确率是判断正确的图片所占的比例：可以看刚训练过的这一批，也可以看从不参与训练的验证集，最后再看测试集。特征图是一个卷积核对一张图片的响应：在出现该卷积核所对应图案（一条边、一笔的末端）的地方，这张图就会亮起来。',
      predict: {
        question: '把 {{images}} 张图片看过一遍之后，它能认对多少测试集中的数字？',
        options: { half: '不到 70%', most: '70% 到 95% 之间', nearly: '95% 或更多' },
      },
      watch:
        '损失在最初几十步下降得很快，之后变慢。训练准确率抖动很大（每次只看一批）；验证集上的点在这一轮结束时才出现。在“特征图”中，第一层的卷积核对边缘和笔画有响应，更深的层对更粗略的部件有响应。',
      measured:
        '训练 {{steps}} 步后，测试集准确率为 {{test}}（验证集 {{validation}}；最后若干批的训练准确率 {{train}}）。平滑后的训练错误率在第 {{cross10}} 步首次降到 10%。',
    },
    'relu-tanh': {
      title: 'ReLU 对比 tanh（论文图 1）',
      text: 'AlexNet 论文的图 1：一个使用 ReLU 的 4 层卷积神经网络在 CIFAR-10 上达到 25% 训练错误率的速度，是同一网络改用 tanh 时的六倍。那是在 CIFAR-10 上，用的是论文自己的网络、初始化方法和普通 SGD，与你在这里训练的不同：这里是同一个小网络在 MNIST 上用 Adam 训练两次，随机种子和数据顺序都相同，只有激活函数不同。ReLU 不会饱和，梯度一直保持较大；tanh 在输入很大时会变平。哪个“更快”取决于你看的是哪个错误率，所以对比面板可以调节阈值。',
      predict: {
        question: '哪一个模型先达到 25% 的训练错误率？',
        options: { relu: 'ReLU', tanh: 'tanh' },
      },
      watch: '看对比面板：表格给出每个模型首次达到阈值时的步数。两个模型都训练完后，把阈值先改成 0.10，再改成 0.05，看看先后顺序会不会变。',
      measured:
        '这个小网络首次达到 25% 训练错误率的步数：ReLU {{relu25}}，tanh {{tanh25}}；10%：{{relu10}} 和 {{tanh10}}；5%：{{relu5}} 和 {{tanh5}}。{{verdict}}测试集准确率：ReLU {{reluTest}}，tanh {{tanhTest}}。文章中的网络用 {{articleImages}} 张图片训练（完整版）：ReLU 在第 {{article_relu25}} 步、tanh 在第 {{article_tanh25}} 步达到 25%；10%：{{article_relu10}} 和 {{article_tanh10}}；5%：{{article_relu5}} 和 {{article_tanh5}}。{{article_verdict}}',
      verdicts: {
        tanhThenRelu: 'tanh 先达到 25%，ReLU 先达到 5%：先后顺序随阈值而变。',
        reluThenTanh: 'ReLU 先达到 25%，tanh 先达到 5%：先后顺序随阈值而变。',
        tanhAll: '在这个网络上，每个阈值都是 tanh 先达到。',
        reluAll: '在这个网络上，每个阈值都是 ReLU 先达到。',
      },
    },
    init: {
      title: '初始化：N(0, 1) 对比 Glorot',
      text: '训练开始前，每个权重都有一个随机初值。文章从标准差为 1 的正态分布中抽取权重。一个神经元要把许多这样的乘积加起来，所以它的输出远大于输入，到下一层又放大一次：logits 变得极大，softmax 信心十足却是错的，最初的梯度也极大。Glorot（Xavier）初始化按每层的输入和输出个数缩放权重，使信号在网络中逐层传递时大小基本不变。两个模型使用相同的随机种子，只有权重的尺度不同。',
      predict: {
        question: 'N(0, 1) 初始化会怎样？',
        options: {
          same: '和 Glorot 训练得一样好',
          lower: '能学到东西，但最终明显更差',
          fails: '发散：页面会停止它',
        },
      },
      watch:
        '看损失曲线的最初几步：N(0, 1) 那个模型的起点高得多。如果它的损失不再是一个数，页面会停止训练并说明原因。最后比较两者的测试集准确率。',
      measured:
        '测试集准确率：Glorot {{glorotTest}}，N(0, 1) {{normalTest}}。首次达到 25% 训练错误率的步数：{{glorot25}} 和 {{normal25}}。{{verdict}}',
      verdicts: {
        diverged: 'N(0, 1) 那个模型在第 {{step}} 步发散，页面停止了它。',
        lower: 'N(0, 1) 最终低了 {{points}} 个百分点。',
        same: '两者最终相差不到一个百分点。',
      },
    },
    rate: {
      title: '学习率：太小与太大',
      text: '学习率决定每一步把权重挪多远。太小，训练就像在爬：在你有限的时间里损失几乎不动。太大，每一步都会冲过头：权重和损失越变越大，直到不再是一个数（无穷大或 NaN）。本课用带动量的 SGD（AlexNet 的优化器）分别以 {{low}} 和 {{high}} 的学习率训练，即 AlexNet 初始学习率 {{rate}} 的百分之一和十万倍。一旦损失不再是一个数，页面就会停止该模型的训练并给出建议：这个停止本身就是本课的内容。',
      predict: {
        question: '页面会停止哪一个模型？',
        options: { low: '学习率小的', high: '学习率大的', neither: '都不会' },
      },
      watch: '看损失曲线：小学习率的曲线几乎不下降。看训练列表：发散的模型会以“失败”结束，并写明是第几步以及建议。',
      measured: '小学习率训练 {{lowSteps}} 步后，训练准确率为 {{lowTrain}}（测试集 {{lowTest}}）。{{verdict}}',
      verdicts: {
        diverged: '大学习率在第 {{step}} 步发散，页面停止了它。',
        stalled: '大学习率没有发散，但训练准确率最后只有 {{highTrain}}。',
      },
    },
    dropout: {
      title: 'Dropout 与过拟合',
      text: '只有 {{images}} 张训练图片，并且 {{epochs}} 轮里每轮都是这些图片时，网络可以把它们背下来：训练准确率逼近 100%，而在没见过的图片上准确率却跟不上。这个差距就是过拟合。Dropout（随机失活）在每一步随机关掉一部分神经元（这里是 {{rate}}），让任何神经元都不能指望别的神经元一定在场；AlexNet 在全连接层中用的是 0.5。代价是学得更慢。比较两个模型训练准确率与验证准确率之间的差距。',
      predict: {
        question: '不用 Dropout 时，训练准确率与验证准确率之间的差距会更大还是更小？',
        options: { larger: '更大', smaller: '更小' },
      },
      watch: '看准确率图：每个模型的训练曲线，以及每轮结束后的验证集数据点。',
      measured:
        '{{epochs}} 轮之后：用 Dropout 时，训练 {{onTrain}}，验证 {{onValidation}}；不用时，训练 {{offTrain}}，验证 {{offValidation}}。测试集：用 Dropout {{onTest}}，不用 {{offTest}}。训练准确率是最后若干批的平均值，开启 Dropout 的模型计算时 Dropout 仍在起作用。',
    },
    lrn: {
      title: '局部响应归一化，以及后来的网络为何不再用它',
      text: '局部响应归一化（LRN）把每个激活值除以相邻通道同一位置上的激活强度，这是借鉴自神经科学的一种“侧抑制”。AlexNet 论文称它让 ImageNet 上的 top-1 错误率降低了 1.4 个百分点。后来的网络不再用它：VGG（2014）发现它没有帮助，只会增加内存和时间开销；批归一化（2015）能更好地把激活值保持在合适的范围内。这里两个模型只差在有没有 LRN：比较准确率，以及每一步所用的时间。',
      predict: {
        question: 'LRN 会让这个网络更准确吗？',
        options: { better: '会，至少高一个百分点', hardly: '几乎没有差别：不到一个百分点', worse: '不会，反而更差' },
      },
      watch: '看训练列表中每个模型每秒处理的图片数，以及最后的测试集准确率。',
      measured: '测试集准确率：有 LRN {{onTest}}，无 LRN {{offTest}}；每一步用时：有 LRN {{onMs}} 毫秒，无 LRN {{offMs}} 毫秒。',
    },
    augment: {
      title: '数据增强：平移、噪声与翻转',
      text: '数据增强让网络每次看到的都是图片略有变化的版本：这里是最多平移 {{shift}} 个像素，并加上像素噪声。这相当于免费多出来的数据，在只有 {{images}} 张图片时尤其有用。但变化必须保持标签不变。平移后的数字还是同一个数字，而左右翻转后的 2、3 或 7 根本不是数字：所以水平翻转不适合 MNIST。左右翻转后的鞋子或衬衫仍然是鞋子或衬衫，所以翻转适合 Fashion-MNIST，就像它适合 AlexNet 所用的 ImageNet 照片一样。',
      predict: {
        question: '只有 {{images}} 张图片时，数据增强会提高验证集准确率吗？',
        options: { higher: '会', lower: '不会，反而会降低' },
      },
      watch: '做了增强的模型训练时看到的图片更难，所以训练准确率更低。那么在它从未训练过的验证集上，它的表现是否更好？',
      measured:
        '验证集准确率：有数据增强 {{onValidation}}，无数据增强 {{offValidation}}（测试集 {{onTest}} 和 {{offTest}}）。其他设置相同、只做翻转时，数字的测试集准确率为 {{mnistFlipTest}}。{{verdict}}在 Fashion-MNIST 上训练 {{fashionEpochs}} 轮：翻转时测试集 {{fashionFlipTest}}，不翻转时 {{fashionPlainTest}}。{{fashionVerdict}}',
      verdicts: {
        mnistHelped: '翻转让数字的准确率提高了 {{points}} 个百分点。',
        mnistHurt: '翻转让数字的准确率降低了 {{points}} 个百分点。',
        mnistSame: '翻转对数字几乎没有影响（{{points}} 个百分点）。',
        fashionHelped: '翻转让服装的准确率提高了 {{points}} 个百分点。',
        fashionHurt: '翻转让服装的准确率降低了 {{points}} 个百分点。',
        fashionSame: '翻转对服装几乎没有影响（{{points}} 个百分点）。',
      },
    },
    pooling: {
      title: '重叠池化',
      text: '最大池化保留每个窗口中的最大值。文章用的是 2×2 的窗口，每次移动两个像素，所以窗口之间不重叠。AlexNet 用的是 3×3 的窗口，每次移动两个像素，所以相邻窗口会共享一行或一列；论文称这让 ImageNet 上的 top-1 错误率降低了 0.4 个百分点，过拟合也略有减轻。这里两种池化得到的输出尺寸相同，所以只有池化方式不同。',
      predict: {
        question: '哪种池化最后的验证集准确率更高？',
        options: { overlap: '3×3、步长 2（重叠）', plain: '2×2、步长 2', tie: '两者相差不到半个百分点' },
      },
      watch: '看两个模型的验证集数据点，以及训练列表中每一步的用时：重叠的窗口计算量更大。',
      measured:
        '验证集准确率：重叠池化 {{overlapValidation}}，2×2 池化 {{plainValidation}}（测试集 {{overlapTest}} 和 {{plainTest}}）；每一步用时分别为 {{overlapMs}} 毫秒和 {{plainMs}} 毫秒。',
    },
    batch: {
      title: '计算在哪里运行：后端与批大小',
      text: '页面标题下方那一行写明了用哪个后端训练以及原因：有硬件 GPU 时用 WebGPU 或 WebGL，否则用 WebAssembly（WASM），在所有 CPU 核心上运行。每一步都有固定开销（准备这一批数据、启动计算核、读回损失），再加上每张图片的计算量，所以批大小越大，固定开销分摊得越开，每秒通常能处理更多图片，但每轮的步数更少。本课在相同的图片上对比批大小 {{small}} 和 {{large}}。',
      predict: {
        question: '哪个批大小每秒能处理更多图片？',
        options: { small: '小批', large: '大批' },
      },
      watch: '看训练列表中每个模型每秒处理的图片数。对比图中的错误率是按轮数画的，所以在同一位置两个模型看过的图片一样多。',
      measured:
        '批大小 {{small}} 时每秒 {{smallRate}} 张，批大小 {{mid}} 时 {{midRate}} 张，批大小 {{large}} 时 {{largeRate}} 张。一轮训练在批大小 {{small}} 时要 {{smallSteps}} 步，批大小 {{large}} 时要 {{largeSteps}} 步；测试集准确率分别为 {{smallTest}} 和 {{largeTest}}。',
    },
  },
};
