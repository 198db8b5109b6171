/**
 * The current service agreement. Consent records its version; issuance requires consent to the
 * version served here. Bump `version` whenever the text changes in substance: every claim that
 * consented to an older version is then refused with AGREEMENT_OUTDATED until it consents again.
 */
import type { AgreementT } from './schemas/api'

export const CURRENT_AGREEMENT: AgreementT = {
  version: '2026.1',
  texts: {
    'zh-CN': {
      title: '电子社会保障卡申领及使用服务协议',
      body: [
        '欢迎您申领电子社会保障卡（以下简称“电子社保卡”）。电子社保卡是社会保障卡的线上形态，由人力资源社会保障部全国社会保障卡服务平台统一签发，与您的实体社会保障卡一一对应，可用于身份凭证、信息记录、自助查询、待遇领取及线上缴费等服务。请您在点击“同意”前仔细阅读本协议全部内容。',
        '一、我们使用的信息。为核实您的申领资格并签发电子社保卡，我们将使用您授权的姓名、公民身份号码、参保地区划代码以及实体社会保障卡的状态信息；在人脸核验环节，将使用您当次采集的人脸图像，与公安部门或社保部门留存的照片进行比对。人脸图像仅用于本次身份核验，核验完成后不作留存，核验结果仅以“通过”或“未通过”的形式返回。',
        '二、使用目的。上述信息仅用于确认您是本人、确认您具备申领条件（持有正常状态的实体社会保障卡、已满十六周岁或由监护人代为申领）以及签发和管理您的电子社保卡，不会用于与本服务无关的用途，也不会向无关第三方提供，法律法规另有规定的除外。',
        '三、服务密码。签发前您需要设置六位数字的电子社保卡密码。密码在您的设备上经国家商用密码算法（SM2）加密后传输，服务端仅保存加盐的不可逆摘要，任何工作人员都无法查看您的密码。请勿使用相同数字、连续数字、出生日期或身份证号码后六位作为密码，并妥善保管，不要告知他人。',
        '四、使用与安全。电子社保卡二维码仅限本人使用，请勿截图转发。如发现手机遗失或电子社保卡被他人使用，请立即通过本服务或参保地社会保障卡服务机构挂失或解除关联。',
        '五、撤回与注销。您可以随时在电子社保卡管理页面解除本渠道与电子社保卡的关联，或撤回本协议项下的授权；撤回后我们将停止使用您的信息，但不影响撤回前基于您的同意已进行的处理。解除关联不会影响您的实体社会保障卡及社会保障权益。',
        '六、其他。本协议的版本号显示在页面底部。协议内容发生实质变更时，我们将请您重新阅读并确认。如您对本协议或个人信息处理有任何疑问，可拨打 12333 人社服务热线咨询。',
      ].join('\n\n'),
    },
    'en-US': {
      title: 'Electronic Social Security Card Application and Service Agreement',
      body: [
        'Welcome to the electronic social security card ("e-card"). The e-card is the online form of your social security card. It is issued by the national social security card service platform of the Ministry of Human Resources and Social Security, corresponds one-to-one to your physical card, and serves as proof of identity and for records, self-service enquiries, receiving benefits and paying contributions online. Please read this agreement in full before you tap "Agree".',
        '1. The data we use. To confirm that you may apply and to issue your e-card we use the name, resident identity number, region code of your insuring place and the status of your physical social security card that you authorized us to read. During face verification we use the face image captured at that moment and compare it with the photo held by the public security or social security authorities. The image is used for that verification only and is not kept afterwards; we only receive "passed" or "not passed".',
        '2. Purpose. This data is used only to confirm that you are who you say you are, that you are eligible (you hold a physical card in normal status and are 16 or older, or apply through a guardian) and to issue and manage your e-card. It is not used for anything unrelated to this service and is not passed to unrelated third parties, except where the law requires it.',
        '3. Your password. Before the e-card is issued you set a six-digit password. It is encrypted on your device with the national commercial cryptography algorithm SM2 before it is sent, and the service keeps only a salted one-way hash of it: nobody can read your password. Do not use repeated digits, a run of digits, your birth date or the last six characters of your identity number, and never tell it to anyone.',
        '4. Use and safety. The e-card QR code is for your own use only; do not share screenshots of it. If you lose your phone or someone else uses your e-card, report it at once through this service or the social security card office of your insuring place.',
        '5. Withdrawal. You may at any time unlink your e-card from this channel on the card management page, or withdraw the consent given under this agreement. We then stop using your data; processing already done on the basis of your consent before you withdrew it is not affected. Unlinking does not affect your physical card or your social security entitlements.',
        '6. Other terms. The version of this agreement is shown at the bottom of the page. When the agreement changes in substance we will ask you to read and accept it again. For questions about this agreement or about how your personal data is handled, call the 12333 human resources and social security hotline.',
      ].join('\n\n'),
    },
  },
}
